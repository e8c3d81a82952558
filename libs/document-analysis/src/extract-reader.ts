import { spawn } from 'node:child_process';
import { Logger } from '@nestjs/common';
import {
  type ExtractReading,
  type ExtractRefusalReason,
  isExtractRefusalReason,
  type ParserStop,
  refusalMessage,
} from './extract-reading';
import { type DocumentInfo, PARSER_PROCESS_SOURCE, type ParserJob, type ParserReply } from './parser-process';
import { scanPdfMarkers } from './pdf-markers';

export interface ExtractReaderOptions {
  /** More pages than a KvK extract ever has: refused before the text is read (SPEC 5.4). */
  readonly maxPages: number;
  /** Wall-clock limit for one document, the parser's start included; the parser is killed after it. */
  readonly timeoutMs: number;
  /** The parser's JavaScript heap; its whole process may use this plus `RUNTIME_ALLOWANCE_MB`. */
  readonly memoryMb: number;
}

const DEFAULT_EXTRACT_READER_OPTIONS: ExtractReaderOptions = {
  maxPages: 20,
  timeoutMs: 15_000,
  memoryMb: 256,
};

/** Node itself, pdf.js's code and the document's bytes, measured at about 90 MB for a one-page extract. */
const RUNTIME_ALLOWANCE_MB = 128;

// Twenty pages of an extract are some tens of thousands of characters; far more means a hostile file.
const MAX_TEXT_LENGTH = 1_000_000;

/** How the parser's process ended when it gave no reply. */
type Stop = { type: 'stopped' } & ParserStop;

/**
 * Reads an uploaded PDF with pdf-parse in a separate, short-lived Node process with a heap cap, a cap on
 * its whole memory and a hard timeout (see parser-process.ts for why a process). A hostile PDF costs one
 * killed process and is refused as `too_complex`; the caller's process is not affected.
 * Nothing about the document's content is logged.
 */
export class ExtractReader {
  private readonly logger = new Logger(ExtractReader.name);
  private readonly options: ExtractReaderOptions;

  constructor(options: Partial<ExtractReaderOptions> = {}) {
    this.options = { ...DEFAULT_EXTRACT_READER_OPTIONS, ...options };
    const { maxPages, timeoutMs, memoryMb } = this.options;
    if (!(maxPages >= 1 && timeoutMs > 0 && memoryMb >= 16)) {
      throw new Error('ExtractReader needs maxPages >= 1, timeoutMs > 0 and memoryMb >= 16');
    }
  }

  async read(bytes: Buffer): Promise<ExtractReading> {
    const started = Date.now();
    const outcome = await this.parseInChild(bytes);
    const elapsedMs = Date.now() - started;
    switch (outcome.type) {
      case 'read':
        return {
          kind: 'read',
          pageCount: outcome.pageCount,
          text: outcome.text,
          metadata: { ...outcome.metadata, ...scanPdfMarkers(bytes, { linearized: outcome.linearized }) },
        };
      case 'refused':
        this.logger.debug(`PDF refused (${outcome.reason}) after ${elapsedMs} ms`);
        return this.refused(outcome.reason);
      case 'stopped': {
        const { cause, hadDocument } = outcome;
        this.logger.warn(
          `PDF parser stopped (${cause}${hadDocument ? '' : ', before it had the document'}) after ` +
            `${elapsedMs} ms: refused as too complex`,
        );
        return { ...this.refused('too_complex'), stop: { cause, hadDocument } };
      }
      case 'failed':
        throw new Error(`The PDF parser could not run: ${outcome.message}`);
    }
  }

  private refused(reason: ExtractRefusalReason): Extract<ExtractReading, { kind: 'refused' }> {
    return { kind: 'refused', reason, message: refusalMessage(reason, this.options.maxPages) };
  }

  private parseInChild(bytes: Buffer): Promise<ParserReply | Stop> {
    const { memoryMb, timeoutMs, maxPages } = this.options;
    const job: ParserJob = {
      data: bytes,
      maxPages,
      maxTextLength: MAX_TEXT_LENGTH,
      rssLimitBytes: (memoryMb + RUNTIME_ALLOWANCE_MB) * 1024 * 1024,
      // __dirname is the real folder in every mode (webpack keeps it: node.__dirname is false in Nest's
      // config); node_modules is found above it, or above the working directory.
      modulePaths: [__dirname, process.cwd()],
    };
    const flags = [
      `--max-old-space-size=${memoryMb}`,
      `--max-semi-space-size=${Math.max(1, Math.min(16, Math.floor(memoryMb / 16)))}`,
      // With pdf.js's isEvalSupported off nothing needs eval; a parser bug cannot turn text into code.
      '--disallow-code-generation-from-strings',
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...flags, '-e', PARSER_PROCESS_SOURCE], {
        env: {},
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        serialization: 'advanced',
        windowsHide: true,
      });
      let jobSent = false;
      let hadDocument = false;
      let settled = false;
      const settle = (done: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        done();
      };
      const timer = setTimeout(() => {
        settle(() => {
          resolve({ type: 'stopped', cause: 'timeout', hadDocument });
        });
      }, timeoutMs);
      child.on('message', (message: unknown) => {
        if (isRecord(message) && message.type === 'ready') {
          jobSent = true;
          // A child that dies while receiving is reported by 'exit'; the send error adds nothing.
          child.send(job, () => undefined);
          return;
        }
        if (isRecord(message) && message.type === 'parsing') {
          hadDocument = true;
          return;
        }
        settle(() => {
          resolve(checkedReply(message));
        });
      });
      child.on('error', (error) => {
        settle(() => {
          reject(error);
        });
      });
      // 'close', not 'exit': it comes after the IPC channel is drained, so a last reply is never lost.
      child.on('close', (code, signal) => {
        settle(() => {
          if (!jobSent) {
            reject(new Error(`The PDF parser process ended before it started (${signal ?? String(code)})`));
            return;
          }
          // Our watchdog kills with SIGKILL; V8 aborts when the heap cap is reached.
          resolve({ type: 'stopped', cause: signal === 'SIGKILL' ? 'memory' : 'crashed', hadDocument });
        });
      });
    });
  }
}

const DOCUMENT_INFO_FIELDS = [
  'producer',
  'creator',
  'creationDate',
  'modificationDate',
] as const satisfies readonly (keyof DocumentInfo)[];

/**
 * The child parsed a hostile file: its reply is checked like any input before it is trusted.
 * A malformed reply counts as a crash.
 */
function checkedReply(message: unknown): ParserReply | Stop {
  const crashed: Stop = { type: 'stopped', cause: 'crashed', hadDocument: true };
  if (!isRecord(message)) return crashed;
  switch (message.type) {
    case 'read': {
      const { pageCount, text, linearized } = message;
      const metadata = checkedDocumentInfo(message.metadata);
      if (typeof pageCount !== 'number' || typeof text !== 'string' || !metadata) return crashed;
      return { type: 'read', pageCount, text, metadata, linearized: linearized === true };
    }
    case 'refused':
      return isExtractRefusalReason(message.reason) ? { type: 'refused', reason: message.reason } : crashed;
    case 'failed':
      return { type: 'failed', message: String(message.message) };
    default:
      return crashed;
  }
}

/** Each field a string or absent; any other key is left behind. */
function checkedDocumentInfo(value: unknown): DocumentInfo | undefined {
  if (!isRecord(value)) return undefined;
  const info: DocumentInfo = {};
  for (const field of DOCUMENT_INFO_FIELDS) {
    const text = value[field];
    if (typeof text === 'string') info[field] = text;
    else if (text !== undefined) return undefined;
  }
  return info;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
