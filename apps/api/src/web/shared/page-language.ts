import type { FastifyRequest } from 'fastify';
import { CASE_LANGUAGES, languageFromAcceptLanguage, type CaseLanguage } from '@app/domain';

/**
 * The language of a requester page: the one asked for in the address (the language switch), else the
 * case's own, else the browser's preference.
 */
export function pageLanguage(request: FastifyRequest, caseLanguage?: CaseLanguage): CaseLanguage {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof asked === 'string' && (CASE_LANGUAGES as readonly string[]).includes(asked)) {
    return asked as CaseLanguage;
  }
  return caseLanguage ?? languageFromAcceptLanguage(request.headers['accept-language']);
}
