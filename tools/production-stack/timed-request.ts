/** An answer of the api: its status, its JSON body (empty when it had none) and how long it took. */
export interface TimedAnswer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

export interface TimedRequestOptions {
  /** Sent as `Authorization: Bearer`: a case's access token or a staff session. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data instead of `body` (an upload). */
  form?: FormData;
  headers?: Record<string, string>;
}

export const isSuccess = (answer: TimedAnswer): boolean => answer.status >= 200 && answer.status < 300;

/**
 * One request to the api, timed from sending to the last byte of the answer. A request that gets no answer
 * at all (the api is down) rejects, as fetch does.
 */
export async function timedRequest(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: TimedRequestOptions = {},
): Promise<TimedAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's page, say): the status alone is counted.
  }
  return { status: response.status, body, ms };
}
