import type { DataSource } from 'typeorm';
import { newEnvironment, type TestEnvironment } from './directory';
import { eventually } from './eventually';
import { extractPdf, type ExtractPdfOptions } from '../../tools/pdf/extract-pdf';
import { newRecoveryRequest } from './factories';
import { bearer, requestJson } from './http-client';
import { requesterAction } from './recovery-flow';
import { requesterStatus, submitAndOpenMail, type AccessLink, type RequesterCase } from './requester';
import type { ServiceEndpoints } from './test-service';

/** The requester's name as typed in the form, and as an extract lists an officer: surname first. */
export const REQUESTER_NAME = 'Anna de Vries';
export const REQUESTER_ON_EXTRACT = 'De Vries, Anna';

export interface ExtractCase extends TestEnvironment {
  link: AccessLink;
  request: Record<string, unknown>;
}

/** The findings of the latest extract read, as `GET /api/cases/:reference` shows them to the agent. */
interface AgentFindings {
  kvkNumber: string | null;
  kvkNumberMatches: boolean | null;
  companyName: string | null;
  companyNameMatches: string;
  extractDate: string | null;
  extractRecent: boolean | null;
  officers: { name: string; role: string; authority: string }[];
  requesterIsOfficer: boolean;
  warnings: { code: string; message: string }[];
}

interface AgentCaseView {
  reference: string;
  status: string;
  findings: AgentFindings | null;
  /** The findings as the agent reads them: each check green, amber or red, with its reason. */
  findingChecks: { check: string; title: string; colour: string; reason: string }[];
  matchedOrganisationIds: string[];
  approvedOrganisationIds: string[] | null;
}

/**
 * An orphaned environment (its administrator deactivated, one active user, two organisations) and a
 * confirmed extract-method case for its first organisation, waiting for a document.
 */
export async function caseAwaitingDocument(
  service: ServiceEndpoints,
  db: DataSource,
  overrides: Record<string, unknown> = {},
): Promise<ExtractCase> {
  const environment = await newEnvironment(db, {
    organisations: 2,
    users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
  });
  const [organisation] = environment.organisations;
  if (!organisation) throw new Error('caseAwaitingDocument: no organisation');
  const request = newRecoveryRequest({
    method: 'chamber_extract',
    requesterName: REQUESTER_NAME,
    kvkNumber: organisation.kvkNumber,
    companyName: organisation.name,
    ...overrides,
  });
  const link = await submitAndOpenMail(service, request);
  const confirmed = await requesterAction(service, link, 'confirm');
  if (confirmed.status !== 200 || confirmed.body.status !== 'awaiting_document') {
    throw new Error(`confirm answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
  }
  return { ...environment, link, request };
}

/** A Dutch extract of the organisation, made now, with the requester as sole director. */
export function extractOf(
  organisation: { kvkNumber: string; name: string },
  options: Partial<ExtractPdfOptions> = {},
): Promise<Buffer> {
  return extractPdf({
    language: 'nl',
    kvkNumber: organisation.kvkNumber,
    companyName: organisation.name,
    madeOn: new Date(),
    officers: [{ name: REQUESTER_ON_EXTRACT, authority: 'sole' }],
    ...options,
  });
}

/** The requester's view once upload number `sequence` was read or refused (the worker does it meanwhile). */
export function documentSettled(
  service: ServiceEndpoints,
  link: AccessLink,
  sequence: number,
  timeoutMs = 20_000,
): Promise<RequesterCase> {
  return eventually(async () => {
    const { body } = await requesterStatus(service, link);
    expect(body.latestDocument?.sequence).toBe(sequence);
    expect(body.latestDocument?.status).not.toBe('received');
    expect(body.status).not.toBe('analysing_document');
    return body;
  }, timeoutMs);
}

/** The uploads stored for a case, in order: what the database holds, whatever the api answered. */
export function storedDocuments(
  db: DataSource,
  reference: string,
): Promise<{ sequence: number; status: string; refusal_reason: string | null }[]> {
  return db.query(
    `SELECT d.sequence, d.status, d.refusal_reason
       FROM case_documents d JOIN recovery_cases c ON c.id = d.case_id
      WHERE c.reference = $1
      ORDER BY d.sequence`,
    [reference],
  );
}

/** The case as the agent sees it in the console. */
export async function agentView(
  service: ServiceEndpoints,
  agentToken: string,
  reference: string,
): Promise<AgentCaseView> {
  const answer = await requestJson<AgentCaseView>(service.baseUrl, 'GET', `/api/cases/${reference}`, {
    headers: bearer(agentToken),
  });
  if (answer.status !== 200) {
    throw new Error(`GET /api/cases/${reference} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}
