import { UsageError, type CliCommand } from '../cli-command';
import { withDataSource } from '../with-data-source';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply the database migrations that have not run yet (each in its own transaction)',
  async run(args, config) {
    if (args.length > 0) throw new UsageError(`migrate takes no arguments (got ${args.join(' ')})`);
    const applied = await withDataSource(config.databaseUrl, (ds) =>
      ds.runMigrations({ transaction: 'each' }),
    );
    console.log(
      applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'The database is up to date.',
    );
  },
};

export const migrateRevertCommand: CliCommand = {
  name: 'migrate:revert',
  summary: 'undo the most recent migration',
  async run(args, config) {
    if (args.length > 0) throw new UsageError(`migrate:revert takes no arguments (got ${args.join(' ')})`);
    await withDataSource(config.databaseUrl, (ds) => ds.undoLastMigration({ transaction: 'each' }));
    console.log('Reverted the most recent migration.');
  },
};
