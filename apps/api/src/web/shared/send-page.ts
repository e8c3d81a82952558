import type { FastifyReply } from 'fastify';
import type { Html } from './html';

/** An HTML page that no cache keeps: pages show private case data and carry form tokens. */
export function sendPage(reply: FastifyReply, status: number, page: Html): void {
  void reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page.markup);
}

/**
 * 303 See Other: the browser goes on with a GET. After a form, so that a reload does not send it again.
 */
export function seeOther(reply: FastifyReply, location: string): void {
  void reply.header('cache-control', 'no-store').redirect(location, 303);
}
