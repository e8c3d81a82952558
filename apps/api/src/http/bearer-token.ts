import type { FastifyRequest } from 'fastify';

/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}
