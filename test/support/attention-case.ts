import type { DataSource } from 'typeorm';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { newEnvironment, type TestEnvironment } from './directory';
import { eventually } from './eventually';
import { newRecoveryRequest } from './factories';
import { bearer, requestJson } from './http-client';
import { codeFrom, decide, requesterAction } from './recovery-flow';
import { submitAndOpenMail, type AccessLink } from './requester';
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
  const directory = await newEnvironment(db, {
    organisations: 2,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
  const [approvedThenGone] = directory.organisations;
  const request = newRecoveryRequest({ method: 'email', kvkNumber: approvedThenGone?.kvkNumber });
  const link = await submitAndOpenMail(service, request);
  expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
  const codeMail = await service.mail.waitForMail(
    (m) => m.subject.includes(link.reference) && m.to.includes(directory.environment.contactEmail),
  );
  expect((await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) })).status).toBe(200);

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
  const [row] = await db.query<{ id: string }[]>(`SELECT id FROM recovery_cases WHERE reference = $1`, [
    link.reference,
  ]);
  if (!row) throw new Error(`no case ${link.reference}`);
  return { link, request, caseId: row.id, requesterEmail: String(request.requesterEmail), directory };
}
