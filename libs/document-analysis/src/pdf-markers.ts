import type { ExtractMetadata } from './extract-reading';

// A signature dictionary is written uncompressed: the signer patches /ByteRange and /Contents in place.
const SIGNATURE_DICTIONARY = /\/Type\s*\/Sig\b|\/ByteRange\s*\[/;
const END_OF_FILE = '%%EOF';

/**
 * Markers read from the raw bytes, not from pdf.js: a parser shows the document as its last save
 * left it, while the bytes still carry every save and the seal.
 */
export function scanPdfMarkers(
  bytes: Buffer,
  { linearized = false }: { linearized?: boolean } = {},
): Pick<ExtractMetadata, 'signed' | 'incrementalUpdates'> {
  let saves = 0;
  for (
    let at = bytes.indexOf(END_OF_FILE);
    at !== -1;
    at = bytes.indexOf(END_OF_FILE, at + END_OF_FILE.length)
  ) {
    saves += 1;
  }
  // A linearized file ends its first-page section with an %%EOF of its own; that is no update.
  const firstSave = linearized ? 2 : 1;
  return {
    signed: SIGNATURE_DICTIONARY.test(bytes.toString('latin1')),
    incrementalUpdates: Math.max(0, saves - firstSave),
  };
}
