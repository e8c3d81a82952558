import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@app/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An id in the path: something that is not an id names nothing, so it gets the same 404 as an
 * unknown one (and never reaches PostgreSQL as a malformed uuid).
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly notFoundMessage: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError('not_found', this.notFoundMessage);
    return value.toLowerCase();
  }
}
