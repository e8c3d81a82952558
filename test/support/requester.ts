import { caseLinkFrom } from './case-link';
import { requestJson, type JsonResponse } from './http-client';
import type { TestService } from './test-service';

export interface RequesterStatus {
  reference: string;
  status: string;
  nextStep: string;
  submitted: Record<string, unknown>;
  events: { type: string; at: string }[];
}

export type CaseLink = ReturnType<typeof caseLinkFrom>;

/** Submits a request and follows the mailed link, as a requester would: the link's reference and token. */
export async function submitAndOpenMail(
  service: TestService,
  request: Record<string, unknown>,
): Promise<CaseLink> {
  const accepted = await requestJson(service.baseUrl, 'POST', '/api/recovery-requests', { body: request });
  if (accepted.status !== 202)
    throw new Error(`intake answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return caseLinkFrom(await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))));
}

/** The requester's view of their case, opened with the token from the link. */
export function requesterStatus(
  service: TestService,
  link: CaseLink,
): Promise<JsonResponse<RequesterStatus>> {
  return requestJson<RequesterStatus>(service.baseUrl, 'GET', `/api/recovery-requests/${link.reference}`, {
    headers: { authorization: `Bearer ${link.token}` },
  });
}
