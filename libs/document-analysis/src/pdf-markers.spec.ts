import { scanPdfMarkers } from './pdf-markers';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe(scanPdfMarkers.name, () => {
  it('finds no seal and no update in a plain single save', () => {
    expect(scanPdfMarkers(bytes('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'))).toEqual({
      signed: false,
      incrementalUpdates: 0,
    });
  });

  it.each([
    ['/Type /Sig', '<< /Type /Sig /Filter /Adobe.PPKLite >>'],
    ['/Type/Sig without a space', '<</Type/Sig/Filter/Adobe.PPKLite>>'],
    ['/ByteRange', '<< /ByteRange [0 100 200 300] >>'],
  ])('sees a signature dictionary written as %s', (_, dictionary) => {
    expect(scanPdfMarkers(bytes(`%PDF-1.7\n${dictionary}\n%%EOF`)).signed).toBe(true);
  });

  it('does not take /SigFlags or a signature field type for a signature', () => {
    expect(scanPdfMarkers(bytes('%PDF-1.7\n<< /Type /SigFieldLock /SigFlags 3 >>\n%%EOF')).signed).toBe(
      false,
    );
  });

  it('counts every save after the first', () => {
    expect(scanPdfMarkers(bytes('%PDF-1.7\n%%EOF\nupdate\n%%EOF\nupdate\n%%EOF\n')).incrementalUpdates).toBe(
      2,
    );
  });

  it("does not count a linearized file's first-page %%EOF as an update", () => {
    const linearized = bytes('%PDF-1.7\nfirst page\n%%EOF\nrest\n%%EOF\n');
    expect(scanPdfMarkers(linearized, { linearized: true }).incrementalUpdates).toBe(0);
    expect(scanPdfMarkers(linearized).incrementalUpdates).toBe(1);
  });
});
