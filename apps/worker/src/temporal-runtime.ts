import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { errorForLog } from '@app/logging';

const TEMPORAL_LEVELS: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/** The Temporal SDK logs through its own runtime; match its level to ours and keep it as JSON lines. */
export function installTemporalRuntime(logLevel: string): void {
  const level = TEMPORAL_LEVELS[logLevel] ?? 'INFO';
  Runtime.install({
    logger: new DefaultLogger(level, ({ level, message, meta, timestampNanos }) => {
      const time = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
      // An activity's failure comes as an Error in `meta`: its kind and place only, never its data.
      const safe = Object.fromEntries(
        Object.entries(meta ?? {}).map(([key, value]) => [
          key,
          value instanceof Error ? errorForLog(value) : value,
        ]),
      );
      process.stdout.write(`${JSON.stringify({ level, time, name: 'temporal', msg: message, ...safe })}\n`);
    }),
  });
}
