import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { DomainError, normaliseCaseReference } from '@app/domain';
import { CaseRepository, type CaseEntity } from '@app/persistence';
import { SecretHasher } from '@app/secrets';
import { bearerTokenOf } from '../http/bearer-token';

type RequestWithCase = FastifyRequest & { requesterCase?: CaseEntity };

// One answer for an unknown reference, a missing token and a wrong token: nothing to enumerate.
const NOT_FOUND_MESSAGE =
  'No recovery request matches this reference and link. Open the link from your mail again.';
// Hashed when the reference is unknown, so both paths do the same work.
const DUMMY_HASH = Buffer.alloc(32);

/**
 * Lets the requester in with the case token from their mail (`Authorization: Bearer <token>`),
 * compared in constant time with the stored keyed hash.
 */
@Injectable()
export class RequesterCaseGuard implements CanActivate {
  constructor(
    private readonly cases: CaseRepository,
    private readonly hasher: SecretHasher,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithCase>();
    const token = bearerTokenOf(request);
    const { reference: given } = request.params as { reference?: string };
    const reference = normaliseCaseReference(given ?? '');
    const kase = reference ? await this.cases.findByReference(reference) : null;
    const matches = this.hasher.matches('case_token', token ?? '', kase?.tokenHash ?? DUMMY_HASH);
    if (!kase || !token || !matches) throw new DomainError('not_found', NOT_FOUND_MESSAGE);
    request.requesterCase = kase;
    this.logger.assign({ caseReference: kase.reference });
    return true;
  }
}

/** The case the requester's token opened (set by `RequesterCaseGuard`). */
export const RequesterCase = createParamDecorator((_: unknown, context: ExecutionContext): CaseEntity => {
  const kase = context.switchToHttp().getRequest<RequestWithCase>().requesterCase;
  if (!kase) throw new Error('RequesterCase used on a route without RequesterCaseGuard');
  return kase;
});
