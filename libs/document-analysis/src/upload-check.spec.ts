import { checkUpload } from './upload-check';

const pdf = (body = 'rest of the file') => Buffer.from(`%PDF-1.7\n${body}`, 'latin1');

describe(checkUpload.name, () => {
  it('accepts a PDF within the size limit', () => {
    expect(checkUpload(pdf())).toEqual({ ok: true });
  });

  it.each([
    ['after a single space', Buffer.concat([Buffer.from(' '), pdf()])],
    ['after a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), pdf()])],
    // An HTML/PDF polyglot: a page before the header, which PDF readers skip and a browser would run.
    [
      'after an HTML page (a polyglot)',
      Buffer.concat([Buffer.from('<html><script>alert(document.domain)</script>'), pdf()]),
    ],
  ])('refuses a PDF header that does not start the file: %s', (_what, bytes) => {
    expect(checkUpload(bytes)).toMatchObject({ ok: false, reason: 'not_a_pdf' });
  });

  it('refuses an empty file', () => {
    expect(checkUpload(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses a file that is not a PDF, saying what to upload instead', () => {
    const result = checkUpload(Buffer.from('\x89PNG\r\n\x1a\n...', 'latin1'));
    expect(result).toMatchObject({ ok: false, reason: 'not_a_pdf' });
    expect(!result.ok && result.message).toContain('PDF file you received from the Chamber of Commerce');
  });

  it('refuses a file over 10 MB by default, naming the limit', () => {
    const result = checkUpload(Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]));
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(!result.ok && result.message).toContain('larger than 10 MB');
  });

  it('takes another limit', () => {
    expect(checkUpload(pdf('x'.repeat(100)), { maxBytes: 50 })).toMatchObject({ reason: 'too_large' });
    expect(checkUpload(pdf('x'.repeat(100)), { maxBytes: 500 })).toEqual({ ok: true });
  });
});
