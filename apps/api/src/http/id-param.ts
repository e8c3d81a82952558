import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@app/domain';

/**
 * Checks an id in the path. Something that is not an id names nothing, so it gets the same 404 as an
 * unknown one (and never reaches PostgreSQL as a malformed uuid).
 */
export const idParam = (notFoundMessage: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', notFoundMessage) });
