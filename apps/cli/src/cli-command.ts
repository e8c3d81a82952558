import type { AppConfig } from '@app/config';

/** One `npm run cli -- <name> ...` command. */
export interface CliCommand {
  name: string;
  summary: string;
  run(args: readonly string[], config: AppConfig): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
