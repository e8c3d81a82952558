// One wording per kind of thing that is not there; used by the reference pipe and the service.
export const NO_SUCH_CASE = 'There is no case with this reference.';
export const NO_DOCUMENT = 'This case has no uploaded document.';
export const noDocumentNumbered = (sequence: number): string =>
  `This case has no document number ${sequence}.`;
