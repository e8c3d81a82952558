import { accessLinkFrom } from './access-link';
import { bearer, requestJson, type JsonResponse } from './http-client';
import type { ServiceEndpoints } from './test-service';

/** The requester's view of their case: what the status endpoint and the requester's actions answer. */
export interface RequesterCase {
  reference: string;
  status: string;
  nextStep: string;
  method: string;
  createdAt: string;
  allowances: {
    codeTriesLeft: number | null;
    codeExpiresAt: string | null;
    codeResendsLeft: number;
    uploadsLeft: number;
    canCancel: boolean;
  };
  latestDocument: {
    sequence: number;
    status: string;
    refusalReason: string | null;
    refusalMessage: string | null;
  } | null;
  appointAt: string | null;
  submitted: Record<string, unknown>;
  events: { type: string; at: string; message?: string }[];
}

export type AccessLink = ReturnType<typeof accessLinkFrom>;

/** Submits a request and follows the mailed link, as a requester would: the link's reference and token. */
export async function submitAndOpenMail(
  service: ServiceEndpoints,
  request: Record<string, unknown>,
): Promise<AccessLink> {
  const accepted = await requestJson(service.baseUrl, 'POST', '/api/recovery-requests', { body: request });
  if (accepted.status !== 202)
    throw new Error(`intake answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return accessLinkFrom(await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))));
}

/** The requester's view of their case, opened with the token from the link. */
export function requesterStatus(
  service: ServiceEndpoints,
  link: AccessLink,
): Promise<JsonResponse<RequesterCase>> {
  return requestJson<RequesterCase>(service.baseUrl, 'GET', `/api/recovery-requests/${link.reference}`, {
    headers: bearer(link.token),
  });
}
