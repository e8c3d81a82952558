import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { CommandFailure, UsageError, type CliCommand } from './cli-command';
import { directoryImportCommand } from './commands/directory-import.command';
import { migrateCommand, migrateRevertCommand } from './commands/migrate.command';
import { platformTokenCommand } from './commands/platform-token.command';
import { staffCreateCommand } from './commands/staff-create.command';

const COMMANDS: readonly CliCommand[] = [
  migrateCommand,
  migrateRevertCommand,
  directoryImportCommand,
  platformTokenCommand,
  staffCreateCommand,
];

function usage(): string {
  const lines = COMMANDS.map(
    (c) => `  ${[c.name, c.arguments].filter(Boolean).join(' ').padEnd(28)} ${c.summary}`,
  );
  return ['Usage: npm run cli -- <command> [arguments]', '', 'Commands:', ...lines].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n\n${usage()}` : usage());
    return 2;
  }
  try {
    await command.run(args, loadConfig());
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage()}`);
      return 2;
    }
    const explained = error instanceof ConfigError || error instanceof CommandFailure;
    console.error(explained ? error.message : `${command.name} failed: ${String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
