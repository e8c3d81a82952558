export {
  checkUpload,
  DEFAULT_UPLOAD_LIMITS,
  type UploadCheck,
  type UploadLimits,
  type UploadRefusalReason,
} from './upload-check';
export {
  refusalMessage,
  type ExtractMetadata,
  type ExtractReading,
  type ExtractRefusalReason,
} from './extract-reading';
export {
  DEFAULT_EXTRACT_READER_OPTIONS,
  ExtractReader,
  RUNTIME_ALLOWANCE_MB,
  type ExtractReaderOptions,
} from './extract-reader';
export type { ExtractData, ExtractOfficer, OfficerAuthority, OfficerRole } from './extract-data';
export { interpretExtract, NOT_AN_EXTRACT_MESSAGE } from './extract-interpreter';
export {
  assessFindings,
  type ExtractFindings,
  type FindingsInput,
  type FindingsOrganisation,
  type FindingWarning,
  type FindingWarningCode,
} from './findings';
export { compareCompanyNames, normaliseCompanyName, type CompanyNameMatch } from './company-name';
export { samePerson } from './person-name';
export { DocumentAnalysisModule, extractReaderOptions } from './document-analysis.module';
