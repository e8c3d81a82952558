import { readFile } from 'node:fs/promises';
import { isUniqueViolation } from '@app/persistence';
import {
  changedNothing,
  describeSummary,
  DirectoryImportRejected,
  importDirectory,
  parseDirectoryFile,
} from '@app/directory-import';
import { CommandFailure, UsageError, type CliCommand } from '../cli-command';
import { withDataSource } from '../with-data-source';

export const directoryImportCommand: CliCommand = {
  name: 'directory:import',
  arguments: 'FILE.json',
  summary: 'load or update environments, organisations, users and memberships from a JSON file',
  async run(args, config) {
    const [path, ...rest] = args;
    if (path === undefined) {
      throw new UsageError('directory:import needs the file to import: directory:import FILE.json');
    }
    if (rest.length > 0) throw new UsageError(`directory:import takes one file (got ${args.join(' ')})`);

    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      throw new UsageError(`Cannot read ${path}: ${reason}`);
    });
    const parsed = parseDirectoryFile(text);
    if (!parsed.ok) throw new CommandFailure(describeProblems(path, parsed.problems));

    const summary = await withDataSource(config.databaseUrl, (dataSource) =>
      importDirectory(dataSource, parsed.file),
    ).catch((error: unknown) => {
      if (error instanceof DirectoryImportRejected) {
        throw new CommandFailure(describeProblems(path, error.problems));
      }
      // One transaction: whatever failed in the database, nothing of the file was written.
      if (isUniqueViolation(error)) {
        // The constraint's name says which rows; its detail would show addresses, and stays out.
        const { constraint } = (error as { driverError: { constraint?: string } }).driverError;
        throw new CommandFailure(
          `directory:import was refused, nothing was written: a row of the file is already there ` +
            `(${constraint ?? 'a unique constraint'}); if another import ran at the same moment, run this ` +
            'one again.',
        );
      }
      throw new CommandFailure(`directory:import failed, nothing was written: ${String(error)}`);
    });

    console.log(
      changedNothing(summary)
        ? `Imported ${path}: nothing changed, the database already matched the file.`
        : `Imported ${path}:`,
    );
    for (const line of describeSummary(summary)) console.log(line);
  },
};

function describeProblems(path: string, problems: readonly string[]): string {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return [`${path} has ${count}; nothing was written:`, ...problems.map((problem) => `  - ${problem}`)].join(
    '\n',
  );
}
