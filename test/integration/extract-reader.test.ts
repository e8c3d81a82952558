import { checkUpload, ExtractReader, interpretExtract, type ExtractReading } from '@app/document-analysis';
import { extractPdf } from '../../tools/pdf/extract-pdf';
import {
  corruptPdf,
  encryptedPdf,
  hostilePdf,
  pdfOfPages,
  plainPdf,
  withIncrementalUpdate,
} from '../support/test-pdfs';

// Generous: a deadline here only detects a hang; what stops a hostile file is asserted by its cause.
const TIMEOUT_MS = 30_000;
const madeOn = new Date('2026-11-20T09:15:00Z');

function textOf(reading: ExtractReading): string {
  if (reading.kind !== 'read') throw new Error(`expected a reading, got a refusal: ${reading.reason}`);
  return reading.text;
}

describe(ExtractReader.name, () => {
  const reader = new ExtractReader({ timeoutMs: TIMEOUT_MS });

  it('reads a Dutch extract to its data, in a separate process', async () => {
    const pdf = await extractPdf({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme B.V.',
      madeOn,
      officers: [
        { name: 'De Vries, Anna Maria' },
        { name: 'Jansen, Pieter', authority: 'joint' },
        { name: 'Bakker, Els', role: 'gevolmachtigde' },
      ],
    });
    const reading = await reader.read(pdf);
    expect(reading).toMatchObject({
      kind: 'read',
      pageCount: 1,
      metadata: {
        producer: 'KVK Handelsregister',
        creator: 'KVK',
        creationDate: madeOn.toISOString(),
        modificationDate: madeOn.toISOString(),
        signed: false,
        incrementalUpdates: 0,
      },
    });
    expect(interpretExtract(textOf(reading))).toEqual({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme B.V.',
      extractDate: '2026-11-20',
      officers: [
        {
          name: 'De Vries, Anna Maria',
          role: 'bestuurder',
          authority: 'yes',
          authorityText: 'Alleen/zelfstandig bevoegd',
        },
        {
          name: 'Jansen, Pieter',
          role: 'bestuurder',
          authority: 'not_determined',
          authorityText: 'Gezamenlijk bevoegd (met andere bestuurder(s))',
        },
        {
          name: 'Bakker, Els',
          role: 'gevolmachtigde',
          authority: 'yes',
          authorityText: 'Volledige volmacht',
        },
      ],
    });
  });

  it('reads an English extract over several pages to the same data', async () => {
    const pdf = await extractPdf({
      language: 'en',
      kvkNumber: '87654321',
      companyName: 'Globex Holding B.V.',
      madeOn,
      pages: 3,
      officers: [
        { name: 'Smit, Jan', authority: 'limited' },
        { name: 'Visser, Eva', role: 'gevolmachtigde', authority: 'limited_power_of_attorney' },
      ],
    });
    const reading = await reader.read(pdf);
    expect(reading).toMatchObject({ kind: 'read', pageCount: 3 });
    expect(interpretExtract(textOf(reading))).toEqual({
      language: 'en',
      kvkNumber: '87654321',
      companyName: 'Globex Holding B.V.',
      extractDate: '2026-11-20',
      officers: [
        {
          name: 'Smit, Jan',
          role: 'bestuurder',
          authority: 'not_determined',
          authorityText: 'Limited authority',
        },
        {
          name: 'Visser, Eva',
          role: 'gevolmachtigde',
          authority: 'not_determined',
          authorityText: 'Limited power of attorney',
        },
      ],
    });
  });

  it('sees a seal and a save appended after it, and the editor that made it', async () => {
    const sealed = await extractPdf({
      language: 'nl',
      kvkNumber: '12345678',
      companyName: 'Acme B.V.',
      madeOn,
      officers: [{ name: 'De Vries, Anna' }],
      sealed: true,
    });
    expect(await reader.read(sealed)).toMatchObject({ metadata: { signed: true, incrementalUpdates: 0 } });
    const edited = await reader.read(withIncrementalUpdate(sealed, { producer: 'PDF-XChange Editor 10.0' }));
    expect(edited).toMatchObject({
      kind: 'read',
      metadata: { signed: true, incrementalUpdates: 1, producer: 'PDF-XChange Editor 10.0' },
    });
  });

  it('reads twenty pages and refuses twenty-one before reading their text', async () => {
    expect(await reader.read(await pdfOfPages(20))).toMatchObject({ kind: 'read', pageCount: 20 });
    expect(await reader.read(await pdfOfPages(21))).toEqual({
      kind: 'refused',
      reason: 'too_many_pages',
      message: expect.stringContaining('more than 20 pages') as unknown,
    });
  });

  it('refuses an encrypted PDF', async () => {
    expect(await reader.read(encryptedPdf())).toMatchObject({
      kind: 'refused',
      reason: 'encrypted',
      message: expect.stringContaining('password') as unknown,
    });
  });

  it('refuses garbage behind a PDF header as unreadable', async () => {
    const garbage = corruptPdf();
    expect(checkUpload(garbage)).toEqual({ ok: true });
    expect(await reader.read(garbage)).toMatchObject({ kind: 'refused', reason: 'unreadable' });
  });

  it('reads a PDF that is no extract, which the interpreter then does not take for one', async () => {
    const reading = await reader.read(
      await plainPdf('Factuur 2026-001\nKvK-nummer: 12345678\nTotaal EUR 100,00'),
    );
    expect(reading).toMatchObject({ kind: 'read', pageCount: 1 });
    expect(textOf(reading)).toContain('Factuur 2026-001');
    expect(interpretExtract(textOf(reading))).toBeUndefined();
  });

  it('refuses a decompression bomb as too complex, stopped by its memory cap, and reads the next file as usual', async () => {
    const bomb = hostilePdf();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(checkUpload(bomb)).toEqual({ ok: true });
    const rssBefore = process.memoryUsage.rss();

    // The cause, not a time: the watchdog on the parser's memory stopped it, not the clock.
    expect(await reader.read(bomb)).toMatchObject({
      kind: 'refused',
      reason: 'too_complex',
      stop: { cause: 'memory', hadDocument: true },
    });

    // The gigabyte was inflated in the parser's process, not in this one.
    expect(process.memoryUsage.rss() - rssBefore).toBeLessThan(100 * 1024 * 1024);
    const next = await reader.read(await plainPdf('Still reading'));
    expect(textOf(next)).toContain('Still reading');
  });

  it('kills the parser at the timeout while it is reading the file', async () => {
    // Memory enough for the parser to inflate for many seconds (about 14 s a gigabyte here): only the
    // clock can stop it. The timeout covers the parser's start too: generous, so it surely had the file.
    const hurried = new ExtractReader({ timeoutMs: 4_000, memoryMb: 8_192 });
    expect(await hurried.read(hostilePdf({ gigabytes: 2 }))).toMatchObject({
      kind: 'refused',
      reason: 'too_complex',
      stop: { cause: 'timeout', hadDocument: true },
    });
  });
});
