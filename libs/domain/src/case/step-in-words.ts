/**
 * A step or a reason code as the service writes it, in lower-case words for people: `appointAdministrator`
 * as "appoint administrator", `sendCoolingOffNotices` as "send cooling off notices", `not_found` as "not
 * found". The managers' mail and the console both say a failed step this way.
 */
export function stepInWords(step: string): string {
  return step
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
}
