import type { DataSource } from 'typeorm';
import { caseIdOf } from './case-settled';
import { newEnvironment, type TestEnvironment } from './directory';
import { newRecoveryRequest } from './factories';
import { codeFrom, requesterAction } from './recovery-flow';
import { submitAndOpenMail, type AccessLink } from './requester';
import type { ServiceEndpoints } from './test-service';

/** A case of the email method that waits for an agent's review, and what it was made of. */
export interface EmailCaseInReview {
  link: AccessLink;
  caseId: string;
  /** What the requester submitted. */
  request: Record<string, unknown>;
  /** Its environment: the administrator deactivated (a known address), an active user, two organisations. */
  directory: TestEnvironment;
}

/**
 * As a requester gets there over HTTP: a request about an orphaned environment (by the KvK number of its
 * first organisation), the mailed link opened and confirmed, the code from the environment's contact
 * address entered.
 */
export async function emailCaseInReview(
  service: ServiceEndpoints,
  db: DataSource,
): Promise<EmailCaseInReview> {
  const directory = await newEnvironment(db, {
    organisations: 2,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
  const request = newRecoveryRequest({ method: 'email', kvkNumber: directory.organisations[0]?.kvkNumber });
  const link = await submitAndOpenMail(service, request);
  const confirmed = await requesterAction(service, link, 'confirm');
  if (confirmed.status !== 200) throw new Error(`the confirmation answered ${confirmed.status}`);
  const codeMail = await service.mail.waitForMail(
    (m) => m.subject.includes(link.reference) && m.to.includes(directory.environment.contactEmail),
  );
  const entered = await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) });
  if (entered.status !== 200) throw new Error(`the code answered ${entered.status}`);
  return { link, caseId: await caseIdOf(db, link.reference), request, directory };
}
