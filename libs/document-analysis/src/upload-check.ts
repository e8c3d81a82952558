/** What the upload endpoint accepts before anything reads the file (SPEC 5.4: at most 10 MB, a real PDF). */
interface UploadLimits {
  readonly maxBytes: number;
}

const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 10 * 1024 * 1024 };

type UploadRefusalReason = 'too_large' | 'not_a_pdf' | 'empty';

type UploadCheck = { ok: true } | { ok: false; reason: UploadRefusalReason; message: string };

// At the very start, as every KVK extract has it. Readers tolerate junk before the header (the first 1024
// bytes), and that junk is where an HTML/PDF polyglot puts the page a browser would run as ours.
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * A cheap check of an uploaded file, before it is stored or parsed. It says nothing about whether the PDF
 * can be read: that is the `ExtractReader`'s job, in its own process.
 */
export function checkUpload(bytes: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): UploadCheck {
  if (bytes.length === 0) {
    return {
      ok: false,
      reason: 'empty',
      message: 'The file you sent is empty. Please upload the PDF of your Chamber of Commerce extract again.',
    };
  }
  if (bytes.length > limits.maxBytes) {
    return { ok: false, reason: 'too_large', message: tooLargeMessage(limits.maxBytes) };
  }
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    return {
      ok: false,
      reason: 'not_a_pdf',
      message:
        'The file is not a PDF. Please upload the extract as the PDF file you received from the Chamber of ' +
        'Commerce (KVK), not a photo, a scan or another format.',
    };
  }
  return { ok: true };
}

/** Also for a file the upload itself stopped at the limit, before `checkUpload` could see it. */
export function tooLargeMessage(maxBytes: number): string {
  return (
    `The file is larger than ${megabytes(maxBytes)}. Please upload the extract as you downloaded it from the ` +
    'Chamber of Commerce (KVK): it is a PDF of well under 1 MB.'
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb.toString() : mb.toFixed(1)} MB`;
}
