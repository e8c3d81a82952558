import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { eventually } from './eventually';
import { requestJson, type JsonResponse } from './http-client';
import { requesterStatus, type CaseLink } from './requester';
import { staffBearer } from './staff';
import type { TestService } from './test-service';

export interface RequesterCase {
  reference: string;
  status: string;
  nextStep: string;
  allowances: {
    codeTriesLeft: number | null;
    codeExpiresAt: string | null;
    codeResendsLeft: number;
    uploadsLeft: number;
    canCancel: boolean;
  };
  latestDocument: { sequence: number; status: string; refusalMessage: string | null } | null;
  appointAt: string | null;
  events: { type: string; at: string; message?: string }[];
}

/** A requester's action on their case, with the token from the mailed link. */
export function requesterAction(
  service: TestService,
  link: CaseLink,
  action: 'confirm' | 'email-code' | 'email-code/resend' | 'cancel',
  body?: unknown,
): Promise<JsonResponse<RequesterCase & { message?: string }>> {
  return requestJson(service.baseUrl, 'POST', `/api/recovery-requests/${link.reference}/${action}`, {
    headers: { authorization: `Bearer ${link.token}` },
    body,
  });
}

/** Uploads a file as a browser's form would: multipart, field `file` unless said otherwise. */
export async function uploadDocument(
  service: TestService,
  link: CaseLink,
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
    headers: { authorization: `Bearer ${link.token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as RequesterCase, headers: response.headers };
}

/** Polls the requester's status until the case is in `status` (the worker moves it in the background). */
export function caseReaches(
  service: TestService,
  link: CaseLink,
  status: string,
  timeoutMs = 20_000,
): Promise<RequesterCase> {
  return eventually(async () => {
    const answer = await requesterStatus(service, link);
    const body = answer.body as unknown as RequesterCase;
    expect(body.status).toBe(status);
    return body;
  }, timeoutMs);
}

/** The 8-digit code standing on a line of its own in an email-code mail. */
export function codeFrom(mail: CapturedMail): string {
  const line = mail.text.split('\n').find((l) => /^\s*\d{8}\s*$/.test(l));
  if (!line) throw new Error(`no code in the mail "${mail.subject}"`);
  return line.trim();
}

export function staffPost<T = Record<string, unknown>>(
  service: TestService,
  token: string,
  path: string,
  body: unknown,
): Promise<JsonResponse<T>> {
  return requestJson<T>(service.baseUrl, 'POST', path, { headers: staffBearer(token), body });
}
