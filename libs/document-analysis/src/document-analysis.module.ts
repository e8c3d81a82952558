import { Module } from '@nestjs/common';
import { DEFAULT_EXTRACT_READER_OPTIONS, ExtractReader, type ExtractReaderOptions } from './extract-reader';

/** The reader's limits. The defaults for now; configuration can supply them here once it carries them. */
export function extractReaderOptions(): ExtractReaderOptions {
  return DEFAULT_EXTRACT_READER_OPTIONS;
}

/** Provides the `ExtractReader`; the interpreter and the findings are pure functions, imported directly. */
@Module({
  providers: [{ provide: ExtractReader, useFactory: () => new ExtractReader(extractReaderOptions()) }],
  exports: [ExtractReader],
})
export class DocumentAnalysisModule {}
