import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { codeIn } from '../../tools/mail-catcher/mail-contents';
import { eventually } from './eventually';
import { bearer, requestJson, type JsonResponse } from './http-client';
import { requesterStatus, type AccessLink, type RequesterCase } from './requester';
import type { ServiceEndpoints } from './test-service';

/** A requester's action on their case, with the token from the mailed link. */
export function requesterAction(
  service: ServiceEndpoints,
  link: AccessLink,
  action: 'confirm' | 'email-code' | 'email-code/resend' | 'cancel',
  body?: unknown,
): Promise<JsonResponse<RequesterCase & { message?: string }>> {
  return requestJson(service.baseUrl, 'POST', `/api/recovery-requests/${link.reference}/${action}`, {
    headers: bearer(link.token),
    body,
  });
}

/** Uploads a file as a browser's form would: multipart, field `file` unless said otherwise. */
export async function uploadDocument(
  service: ServiceEndpoints,
  link: AccessLink,
  content: Buffer,
  options: { filename?: string; field?: string; type?: string } = {},
): Promise<JsonResponse<RequesterCase & { message?: string }>> {
  const form = new FormData();
  form.append(
    options.field ?? 'file',
    new Blob([content], { type: options.type ?? 'application/pdf' }),
    options.filename ?? 'uittreksel.pdf',
  );
  const response = await fetch(`${service.baseUrl}/api/recovery-requests/${link.reference}/documents`, {
    method: 'POST',
    headers: bearer(link.token),
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as RequesterCase, headers: response.headers };
}

/** Polls the requester's status until the case is in `status` (the worker moves it in the background). */
export function caseReaches(
  service: ServiceEndpoints,
  link: AccessLink,
  status: string,
  timeoutMs = 20_000,
): Promise<RequesterCase> {
  return eventually(async () => {
    const { body } = await requesterStatus(service, link);
    expect(body.status).toBe(status);
    return body;
  }, timeoutMs);
}

/** The 8-digit code standing on a line of its own in an email-code mail. */
export function codeFrom(mail: CapturedMail): string {
  const code = codeIn(mail);
  if (!code) throw new Error(`no code in the mail "${mail.subject}"`);
  return code;
}

export function staffPost<T = Record<string, unknown>>(
  service: ServiceEndpoints,
  token: string,
  path: string,
  body: unknown,
): Promise<JsonResponse<T>> {
  return requestJson<T>(service.baseUrl, 'POST', path, { headers: bearer(token), body });
}

/** What an agent's decision answers: where the case stands now, or why it was refused. */
interface DecisionAnswer {
  reference?: string;
  status?: string;
  message?: string;
}

/** An agent's decision on a case (approve, reject, request_document), as the case page posts it. */
export async function decide(
  service: ServiceEndpoints,
  token: string,
  reference: string,
  body: Record<string, unknown>,
): Promise<JsonResponse<DecisionAnswer>> {
  // As the agent's page would: the version of the case as it is now, unless the test gives one.
  const version = body.version ?? (await caseVersionOf(service.baseUrl, token, reference));
  return staffPost<DecisionAnswer>(service, token, `/api/cases/${reference}/decision`, { ...body, version });
}

/** The case's version, as `GET /api/cases/:reference` gives it to staff (undefined for no such case). */
export async function caseVersionOf(
  baseUrl: string,
  token: string,
  reference: string,
): Promise<string | undefined> {
  const answer = await requestJson<{ version?: string }>(baseUrl, 'GET', `/api/cases/${reference}`, {
    headers: bearer(token),
  });
  return answer.body.version;
}
