// What a log keeps of an error: what went wrong and where, never the data it was about. A TypeORM
// QueryFailedError carries the query's parameters (names, addresses) and PostgreSQL's `detail` ("Key
// (email)=(…) already exists", "Failing row contains (…)") as fields of its own, which a serializer that
// copies every field would write out. So fields are kept by name, not dropped by name.

/** The fields of an error (and of its causes) that say what and where, and no values. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'constraint', 'table', 'column', 'routine', 'reason'];
const MAX_CAUSES = 3;

/** An error as a log line may hold it: type, message, stack, the kept fields, its causes alike. */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const source = error as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  const kept: Record<string, unknown> = {
    type: typeof source.name === 'string' ? source.name : error.constructor.name,
  };
  if (typeof source.message === 'string') kept.message = source.message;
  if (typeof source.stack === 'string') kept.stack = source.stack;
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string' || typeof value === 'number') kept[field] = value;
  }
  if (source.cause !== undefined && depth < MAX_CAUSES) kept.cause = errorForLog(source.cause, depth + 1);
  return kept;
}
