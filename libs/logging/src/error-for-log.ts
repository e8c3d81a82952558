// What a log keeps of an error: what went wrong and where, never the data it carries as fields. A TypeORM
// QueryFailedError carries the query's parameters (names, addresses) and PostgreSQL's `detail` ("Key
// (email)=(…) already exists", "Failing row contains (…)") as fields of its own, which a serializer that
// copies every field would write out. So fields are kept by name, not dropped by name.

/** The fields of an error (and of its causes) that say what and where, and no values. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'constraint', 'table', 'column', 'routine', 'reason'];
const MAX_CAUSES = 3;

/**
 * An error as a log line may hold it: type, message, stack, the kept fields, its causes alike. Takes the
 * error itself or what pino made of it (pino-http hands a custom serializer its own serialization, with
 * the error as a hidden `raw`). The message is kept: it says what went wrong (a PostgreSQL message may
 * quote a value it could not read, which our own checks keep to ids).
 */
export function errorForLog(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const raw = (error as { raw?: unknown }).raw;
  const source = (typeof raw === 'object' && raw !== null ? raw : error) as Record<string, unknown>;
  const kept: Record<string, unknown> = { type: typeOf(source) };
  if (typeof source.message === 'string') kept.message = source.message;
  if (typeof source.stack === 'string') kept.stack = source.stack;
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string' || typeof value === 'number') kept[field] = value;
  }
  if (source.cause !== undefined && depth < MAX_CAUSES) kept.cause = errorForLog(source.cause, depth + 1);
  return kept;
}

/** Its class's name, or the `type` pino gave it; an object of no class is plain `Object`. */
function typeOf(source: Record<string, unknown>): string {
  if (typeof source.name === 'string') return source.name;
  if (typeof source.type === 'string') return source.type;
  const prototype = Object.getPrototypeOf(source) as { constructor?: { name?: unknown } } | null;
  const name = prototype?.constructor?.name;
  return typeof name === 'string' ? name : 'Object';
}
