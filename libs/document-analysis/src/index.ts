export { checkUpload, tooLargeMessage } from './upload-check';
export { refusalMessage, type ExtractMetadata, type ExtractReading } from './extract-reading';
export { ExtractReader } from './extract-reader';
export type { ExtractData } from './extract-data';
export { interpretExtract } from './extract-interpreter';
export { assessFindings } from './findings';
export { findingsChecks } from './findings-checks';
export { DocumentAnalysisModule } from './document-analysis.module';
