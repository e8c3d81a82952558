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

/** After a form: the browser goes to the page with a GET, so a reload does not send the form again. */
export function redirectAfterPost(reply: FastifyReply, location: string): void {
  void reply.header('cache-control', 'no-store').redirect(location, 303);
}
