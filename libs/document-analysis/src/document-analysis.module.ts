import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ExtractReader, type ExtractReaderOptions } from './extract-reader';

/** The reader's limits, from configuration (DOCUMENT_PARSE_TIMEOUT, DOCUMENT_PARSE_MEMORY_MB). */
function extractReaderOptions(config: AppConfig): ExtractReaderOptions {
  const { maxPages, parseTimeoutMs, parseMemoryMb } = config.recovery.documents;
  return { maxPages, timeoutMs: parseTimeoutMs, memoryMb: parseMemoryMb };
}

/** Provides the `ExtractReader`; the interpreter and the findings are pure functions, imported directly. */
@Module({
  providers: [
    {
      provide: ExtractReader,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ExtractReader(extractReaderOptions(config)),
    },
  ],
  exports: [ExtractReader],
})
export class DocumentAnalysisModule {}
