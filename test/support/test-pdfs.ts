// PDFs that are not genuine extracts, for the tests only: ordinary documents, an encrypted one, garbage
// behind a PDF header, a decompression bomb, and an extract saved again by an editor. The realistic
// extracts, which `npm run dev` uploads too, come from tools/pdf/extract-pdf.ts.
import { deflateRawSync, constants as zlib } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const LEFT = 56;
const TOP = 770;
const LINE_HEIGHT = 14;

/** A PDF with ordinary text that is not an extract (an invoice, a letter). */
export async function plainPdf(text: string, { pages = 1 }: { pages?: number } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n += 1) {
    const page = doc.addPage(A4);
    text.split('\n').forEach((line, index) => {
      page.drawText(line, { x: LEFT, y: TOP - index * LINE_HEIGHT, size: 10, font });
    });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF of `n` pages, each with a line of text. */
export async function pdfOfPages(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= n; i += 1) {
    doc.addPage(A4).drawText(`Page ${i} of ${n}`, { x: LEFT, y: TOP, size: 10, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * A PDF encrypted with the standard security handler whose user password is not empty, so a reader must
 * ask for one. Written by hand: the /U entry is random, so the empty password never matches it.
 */
export function encryptedPdf(): Buffer {
  const hex = (bytes: number) =>
    Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 37 + 11) % 256)).toString('hex');
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32).split('').reverse().join('')}> /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hex(16)}> <${hex(16)}>]`,
  );
}

/** Random bytes behind a PDF header: passes the upload check, no parser can read it. */
export function corruptPdf(): Buffer {
  const body = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  return Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), body]);
}

/**
 * A decompression bomb: one page whose content stream is 1 KB of deflate per MB of blanks, about
 * `gigabytes` GB once inflated, in a file of about `gigabytes` MB. pdf.js inflates it into ArrayBuffers,
 * outside the JavaScript heap, so only a cap on the whole process (or the timeout) stops it.
 */
export function hostilePdf({ gigabytes = 1 }: { gigabytes?: number } = {}): Buffer {
  const megabytes = Math.round(gigabytes * 1024);
  // A full flush ends each block on a byte boundary with a fresh dictionary: the blocks can be repeated.
  const block = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const finalBlock = Buffer.from([0x03, 0x00]);
  const stream = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array.from({ length: megabytes }, () => block),
    finalBlock,
    adler32OfBlanks(megabytes * 1024 * 1024),
  ]);
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
        stream,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    ],
    '',
  );
}

/** The same PDF with one more save appended (an incremental update), as editors that "save" do. */
export function withIncrementalUpdate(pdf: Buffer, { producer = 'Adobe Acrobat Pro 24.1' } = {}): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
  const previous = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(pdf.toString('latin1'))?.[1];
  const size = /\/Size\s+(\d+)/.exec(tail)?.[1];
  if (previous === undefined || root === undefined || size === undefined) {
    throw new Error('withIncrementalUpdate needs a PDF with a classic trailer');
  }
  const objectNumber = Number(size);
  const objectAt = pdf.length + 1;
  const object = `\n${objectNumber} 0 obj\n<< /Producer (${producer}) /ModDate (D:20991231120000Z) >>\nendobj\n`;
  const xrefAt = objectAt - 1 + object.length;
  const update =
    object +
    `xref\n0 1\n0000000000 65535 f \n${objectNumber} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${objectNumber + 1} /Root ${root} /Info ${objectNumber} 0 R /Prev ${previous} >>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

/** A classic PDF from its objects (numbered from 1) and extra trailer entries. */
function assemble(objects: (string | Buffer)[], trailerExtra: string): Buffer {
  const header = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const chunks: Buffer[] = [header];
  let offset = header.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

/** The zlib checksum of `length` blanks, computed instead of summed over a gigabyte. */
function adler32OfBlanks(length: number): Buffer {
  const modulus = 65521n;
  const n = BigInt(length);
  const blank = 0x20n;
  const a = (1n + n * blank) % modulus;
  const b = (n + (blank * n * (n + 1n)) / 2n) % modulus;
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(Number((b << 16n) | a));
  return checksum;
}
