import type { FastifyRequest } from 'fastify';
import { isCaseLanguage, languageFromAcceptLanguage, type CaseLanguage } from '@app/domain';

/**
 * The language of a requester page: the one asked for in the address (the language switch), else the
 * case's own, else the browser's preference.
 */
export function pageLanguage(request: FastifyRequest, caseLanguage?: CaseLanguage): CaseLanguage {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isCaseLanguage(asked)) return asked;
  return caseLanguage ?? languageFromAcceptLanguage(request.headers['accept-language']);
}
