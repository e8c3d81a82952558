import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import type { TestEnvironment } from './directory';
import { emailCaseInReview } from './email-case';
import { eventually } from './eventually';
import { bearer, requestJson } from './http-client';
import { decide } from './recovery-flow';
import type { AccessLink } from './requester';
import type { TestService } from './test-service';

/** What support sees of a case that needs attention (`GET /api/cases/:reference`, the parts tests read). */
export interface StaffCaseView {
  reference: string;
  status: string;
  approvedOrganisationIds: string[] | null;
  attention: { step: string; reason: string; from: string | null; since: string } | null;
  events: { type: string; actorType: string; actorId: string | null; details: Record<string, unknown> }[];
  message?: string;
}

export interface BrokenAppointment {
  link: AccessLink;
  /** What the requester submitted. */
  request: Record<string, unknown>;
  caseId: string;
  requesterEmail: string;
  /** The environment as made: `organisations[0]` was approved and then deleted, `organisations[1]` remains. */
  directory: TestEnvironment;
}

/** The case as staff see it, read with a staff session token. */
export async function staffCase(
  service: TestService,
  staffToken: string,
  reference: string,
): Promise<StaffCaseView> {
  const answer = await requestJson<StaffCaseView>(service.baseUrl, 'GET', `/api/cases/${reference}`, {
    headers: bearer(staffToken),
  });
  if (answer.status !== 200) throw new Error(`GET case answered ${answer.status}`);
  return answer.body;
}

/** Temporal's word for where the case's workflow is: RUNNING, COMPLETED, FAILED... */
export async function workflowStatus(service: TestService, caseId: string): Promise<string> {
  const description = await service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId)).describe();
  return description.status.name;
}

/**
 * A case whose appointment fails for good, as it would in production: verified by the email method,
 * approved by `agentToken` with one explicit organisation, and that organisation deleted from the
 * directory by hand during the cooling-off. The service must run with a cooling-off of a few seconds.
 * Answers once the case needs attention.
 */
export async function caseWithBrokenAppointment(
  service: TestService,
  db: DataSource,
  agentToken: string,
): Promise<BrokenAppointment> {
  const { link, request, caseId, directory } = await emailCaseInReview(service, db);
  const [approvedThenGone] = directory.organisations;
  const approved = await decide(service, agentToken, link.reference, {
    decision: 'approve',
    organisationIds: [approvedThenGone?.id],
  });
  expect(approved.body.status).toBe('cooling_off');
  // Gone from the directory before the appointment (its memberships go with it: ON DELETE CASCADE).
  await db.query(`DELETE FROM organisations WHERE id = $1`, [approvedThenGone?.id]);

  await eventually(
    async () => expect((await staffCase(service, agentToken, link.reference)).status).toBe('needs_attention'),
    30_000,
    200,
  );
  return { link, request, caseId, requesterEmail: String(request.requesterEmail), directory };
}
