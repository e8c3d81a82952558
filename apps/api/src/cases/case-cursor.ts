import { isUUID } from 'class-validator';
import { DomainError } from '@app/domain';
import type { CaseQueuePosition } from '@app/persistence';

// PostgreSQL's timestamp with all six fraction digits, as CaseQueryRepository writes it.
const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The queue's `nextCursor`: the position of a page's last row, opaque to clients. */
export function encodeCaseCursor(position: CaseQueuePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** Reads a cursor this API gave out; anything else is a 400 that says so. */
export function decodeCaseCursor(cursor: string): CaseQueuePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [createdAt, id] = decoded as unknown[];
    if (
      typeof createdAt === 'string' &&
      EXACT_TIMESTAMP.test(createdAt) &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      isUUID(id, 'loose')
    ) {
      return { createdAt, id };
    }
  }
  throw new DomainError(
    'invalid_input',
    'cursor is not one this API gave out: pass the nextCursor of the previous page, or leave it out for the first page.',
  );
}
