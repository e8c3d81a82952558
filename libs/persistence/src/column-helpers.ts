import type { ValueTransformer } from 'typeorm';

/** `'a', 'b'` for a CHECK constraint built from a domain list of values (which are fixed identifiers). */
export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** PostgreSQL returns bytea as Buffer; this keeps the property's type honest. */
export const bytea: ValueTransformer = { to: (v: Buffer) => v, from: (v: Buffer) => v };
