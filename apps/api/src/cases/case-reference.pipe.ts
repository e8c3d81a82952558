import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, normaliseCaseReference } from '@app/domain';
import { NO_SUCH_CASE } from './not-found-messages';

/**
 * A case reference in the path, as people type it (any case, look-alike letters). Something that cannot
 * be a reference names no case: the same 404 as an unknown one.
 */
@Injectable()
export class CaseReferencePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const reference = normaliseCaseReference(value);
    if (!reference) throw new DomainError('not_found', NO_SUCH_CASE);
    return reference;
  }
}
