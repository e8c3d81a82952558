/**
 * The PDF parser's own process: the code below runs there (`node -e`), never in the caller.
 *
 * Why a string and not a file: the same code must run from source under ts-node (`npm run dev`), under Jest
 * (whose module VM cannot do the dynamic `import()` with which pdf.js loads its worker) and from the webpack
 * bundle of `nest build worker`, which inlines our TypeScript into dist/apps/worker/main.js and ships no
 * other file. A string travels with the bundle, needs no path of a .ts or .js file next to it and is not
 * rewritten by webpack (a `require` in a function webpack compiled would be). pdf-parse itself stays in
 * node_modules (webpack leaves node_modules external); the child finds it from the paths it is given.
 *
 * Why a process and not a worker thread: a worker's `resourceLimits` caps only its JavaScript heap, while a
 * decompression bomb grows ArrayBuffers outside it (measured: 1.6 GB for a 1 MB PDF under a 256 MB heap
 * cap). A process has its own memory, which a watchdog thread inside it caps as a whole, and SIGKILL
 * returns all of it. It also gets an empty environment: no secret of ours is within reach of the parser.
 */

import type { ExtractMetadata, ExtractRefusalReason } from './extract-reading';

/** What the caller sends once the child said it is ready. */
export interface ParserJob {
  readonly data: Uint8Array;
  readonly maxPages: number;
  readonly maxTextLength: number;
  /** Resident memory at which the child kills itself, in bytes. */
  readonly rssLimitBytes: number;
  /** Folders from which `pdf-parse` is resolved (the caller's own, and the working directory). */
  readonly modulePaths: readonly string[];
}

/** What the document's information dictionary says; the seal and the saves are read from the bytes. */
export type DocumentInfo = Omit<ExtractMetadata, 'signed' | 'incrementalUpdates'>;

/**
 * What the child answers, after a first `{ type: 'ready' }` and, once it has the job, `{ type: 'parsing' }`;
 * anything else (or nothing) means it was stopped.
 */
export type ParserReply =
  | { type: 'read'; pageCount: number; text: string; metadata: DocumentInfo; linearized: boolean }
  | { type: 'refused'; reason: ExtractRefusalReason }
  | { type: 'failed'; message: string };

export const PARSER_PROCESS_SOURCE = `
'use strict';
const { Worker } = require('node:worker_threads');

// The main thread may be stuck inside pdf.js for seconds; this thread is not, and it caps the process's
// whole resident memory (the heap cap alone does not see ArrayBuffers).
function watchMemory(limit) {
  new Worker(
    "const { workerData } = require('node:worker_threads');" +
      "setInterval(() => { if (process.memoryUsage.rss() > workerData) process.kill(process.pid, 'SIGKILL'); }, 20);",
    { eval: true, workerData: limit },
  );
}

function text(value, max) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
}

function isoDate(value) {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
}

// A malformed date is a detail: it must not make a readable document unreadable.
function datesOf(info) {
  try {
    return info.getDateNode();
  } catch {
    return {};
  }
}

function refusalFor(error) {
  const name = error && error.name;
  if (name === 'PasswordException') return 'encrypted';
  if (error instanceof RangeError) return 'too_complex';
  return 'unreadable';
}

async function parse(job) {
  watchMemory(job.rssLimitBytes);
  let PDFParse;
  try {
    ({ PDFParse } = require(require.resolve('pdf-parse', { paths: job.modulePaths })));
  } catch (error) {
    return { type: 'failed', message: 'pdf-parse could not be loaded: ' + (error && error.message) };
  }
  const parser = new PDFParse({ data: job.data, isEvalSupported: false });
  try {
    // The page count comes with the document's catalogue: a long file is refused before any page is read.
    const info = await parser.getInfo();
    if (info.total > job.maxPages) return { type: 'refused', reason: 'too_many_pages' };
    const result = await parser.getText({ pageJoiner: '' });
    if (result.text.length > job.maxTextLength) return { type: 'refused', reason: 'too_complex' };
    const dates = datesOf(info);
    const dictionary = info.info || {};
    return {
      type: 'read',
      pageCount: info.total,
      text: result.text,
      metadata: {
        producer: text(dictionary.Producer, 200),
        creator: text(dictionary.Creator, 200),
        creationDate: isoDate(dates.CreationDate),
        modificationDate: isoDate(dates.ModDate),
      },
      linearized: dictionary.IsLinearized === true,
    };
  } catch (error) {
    return { type: 'refused', reason: refusalFor(error) };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

process.once('message', (job) => {
  process.send({ type: 'parsing' });
  parse(job)
    .catch((error) => ({ type: 'failed', message: String(error && error.message) }))
    .then((reply) => process.send(reply, () => process.exit(0)));
});
process.send({ type: 'ready' });
`;
