// The directory import file: read and checked (directory-file), matched against the database
// (directory-import-plan) and written in one transaction (directory-importer). Used by the CLI's
// `directory:import`, by `npm run dev` for its demo directory, and by the tests.
export { parseDirectoryFile, type DirectoryFile } from './directory-file';
export {
  changedNothing,
  describeSummary,
  DirectoryImportRejected,
  importDirectory,
  isDirectoryEmpty,
  type DirectoryImportSummary,
} from './directory-importer';
