import { DOCUMENT_REFUSAL_REASONS, type DocumentRefusalReason } from '@app/domain';

/** What the PDF says about itself: hints at editing for the agent, never proof either way. */
export interface ExtractMetadata {
  producer?: string;
  creator?: string;
  /** ISO 8601. */
  creationDate?: string;
  /** ISO 8601. */
  modificationDate?: string;
  /** The raw bytes carry a signature dictionary (`/Type /Sig` or `/ByteRange`): genuine extracts are sealed. */
  signed: boolean;
  /** Saves appended after the first one (`%%EOF` markers beyond the first, not counting linearization's). */
  incrementalUpdates: number;
}

/** Why a PDF was not read; `not_an_extract` is decided later, from the text, by `interpretExtract`. */
export type ExtractRefusalReason = Exclude<DocumentRefusalReason, 'not_an_extract'>;

/** For what the parser's process answers: it is checked before it is trusted. */
export function isExtractRefusalReason(value: unknown): value is ExtractRefusalReason {
  return value !== 'not_an_extract' && DOCUMENT_REFUSAL_REASONS.some((reason) => reason === value);
}

/**
 * Why the parser's process was stopped without an answer, and whether it had the document by then (it
 * acknowledges the document before it parses): for the logs and the tests, never for the requester.
 */
export interface ParserStop {
  cause: 'timeout' | 'memory' | 'crashed';
  hadDocument: boolean;
}

export type ExtractReading =
  | { kind: 'read'; pageCount: number; text: string; metadata: ExtractMetadata }
  | { kind: 'refused'; reason: ExtractRefusalReason; message: string; stop?: ParserStop };

const KVK = 'the Chamber of Commerce (KVK)';

/** Messages for the requester: what went wrong, in plain words, and what to do instead. */
export function refusalMessage(reason: DocumentRefusalReason, maxPages: number): string {
  switch (reason) {
    case 'encrypted':
      return (
        'This PDF is protected with a password, so we cannot read it. Please upload the extract without a ' +
        `password, exactly as you received it from ${KVK}.`
      );
    case 'unreadable':
      return (
        'We could not read this PDF: it seems damaged or is not a real PDF. Please download the extract from ' +
        `${KVK} again and upload that file.`
      );
    case 'too_many_pages':
      return (
        `This PDF has more than ${maxPages} pages, more than a Chamber of Commerce extract has. Please upload ` +
        'only the extract itself.'
      );
    case 'too_complex':
      return (
        'This PDF is too complex for us to read safely. Please upload the extract exactly as you downloaded it ' +
        `from ${KVK}, without converting, printing or editing it.`
      );
    case 'not_an_extract':
      return (
        'This PDF does not look like an extract from the Dutch Business Register (uittreksel Handelsregister). ' +
        `Please upload the extract of your company as you received it from ${KVK}.`
      );
  }
}
