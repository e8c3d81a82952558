import type { AppConfig } from '@app/config';

/** One `npm run cli -- <name> ...` command. */
export interface CliCommand {
  name: string;
  /** How its arguments are written in the usage, e.g. `FILE.json`. */
  arguments?: string;
  summary: string;
  run(args: readonly string[], config: AppConfig): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The command ran and refused or failed for reasons its message explains in full: printed as is, exit code 1. */
export class CommandFailure extends Error {}
