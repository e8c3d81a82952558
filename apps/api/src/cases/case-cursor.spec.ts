import { DomainError } from '@app/domain';
import { decodeCaseCursor, encodeCaseCursor } from './case-cursor';

describe('case cursors', () => {
  const position = { createdAt: '2026-11-20T10:15:30.123456Z', id: '0b7e8f52-3c1a-4d5e-9f60-1a2b3c4d5e6f' };

  it('reads back the position it was made from, microseconds included', () => {
    const cursor = encodeCaseCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCaseCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'nonsense!'],
    ['an empty string', ''],
    ['another shape', Buffer.from(JSON.stringify({ createdAt: position.createdAt })).toString('base64url')],
    ['a date without microseconds', encodeCaseCursor({ ...position, createdAt: '2026-11-20T10:15:30.123Z' })],
    ['an impossible date', encodeCaseCursor({ ...position, createdAt: '2026-13-40T10:15:30.123456Z' })],
    ['an id that is not a uuid', encodeCaseCursor({ ...position, id: "1' OR '1'='1" })],
  ])('refuses %s with invalid_input', (_label, cursor) => {
    expect(() => decodeCaseCursor(cursor)).toThrow(DomainError);
    expect(() => decodeCaseCursor(cursor)).toThrow('cursor is not one this API gave out');
  });
});
