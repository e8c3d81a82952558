import { checkUpload } from './upload-check';

const pdf = (body = 'rest of the file') => Buffer.from(`%PDF-1.7\n${body}`, 'latin1');

describe(checkUpload.name, () => {
  it('accepts a PDF within the size limit', () => {
    expect(checkUpload(pdf())).toEqual({ ok: true });
  });

  it('accepts a PDF header after some leading bytes, within the first 1024', () => {
    expect(checkUpload(Buffer.concat([Buffer.alloc(1000, 0x20), pdf()]))).toEqual({ ok: true });
  });

  it('refuses an empty file', () => {
    expect(checkUpload(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses a file that is not a PDF, saying what to upload instead', () => {
    const result = checkUpload(Buffer.from('\x89PNG\r\n\x1a\n...', 'latin1'));
    expect(result).toMatchObject({ ok: false, reason: 'not_a_pdf' });
    expect(!result.ok && result.message).toContain('PDF file you received from the Chamber of Commerce');
  });

  it('refuses a PDF header found only after the first 1024 bytes', () => {
    expect(checkUpload(Buffer.concat([Buffer.alloc(1024, 0x20), pdf()]))).toMatchObject({
      reason: 'not_a_pdf',
    });
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
