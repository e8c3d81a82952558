import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../http/api-error';
import { REQUEST_ID_HEADER } from '../../http/request-id';

export interface ApiCall {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** A JSON body, or a stream passed through as it is (an upload) with its own content type. */
  body?: object;
  stream?: { payload: Readable; contentType: string; contentLength?: string };
  /** The page's own request: its client address, cookies and request id go along. */
  from: FastifyRequest;
  /** A case token, sent as the API wants it. */
  bearer?: string;
  headers?: Record<string, string>;
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T; setCookie: string[] }
  | { ok: false; status: number; error: ApiErrorBody; setCookie: string[] };

/**
 * The pages' one way to the JSON API: an in-process request through Fastify (no socket), so the API stays
 * the single truth for validation, access and errors, and a page render is one API round trip.
 */
@Injectable()
export class InProcessApi {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async call<T>(call: ApiCall): Promise<ApiAnswer<T>> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const headers: Record<string, string> = { ...call.headers, [REQUEST_ID_HEADER]: call.from.id };
    const cookie = call.from.headers.cookie;
    if (cookie) headers.cookie = cookie;
    if (call.bearer) headers.authorization = `Bearer ${call.bearer}`;
    const acceptLanguage = call.from.headers['accept-language'];
    if (acceptLanguage) headers['accept-language'] = acceptLanguage;
    let payload: string | Readable | undefined;
    if (call.stream) {
      payload = call.stream.payload;
      headers['content-type'] = call.stream.contentType;
      if (call.stream.contentLength) headers['content-length'] = call.stream.contentLength;
    } else if (call.body) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fastify.inject({
      method: call.method,
      url: call.url,
      headers,
      payload,
      // The client as the page saw it (after trusted proxies), so limits per address still hold.
      remoteAddress: call.from.ip,
    });
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const body: unknown = response.body ? response.json() : undefined;
    if (response.statusCode < 400)
      return { ok: true, status: response.statusCode, body: body as T, setCookie };
    return { ok: false, status: response.statusCode, error: body as ApiErrorBody, setCookie };
  }
}
