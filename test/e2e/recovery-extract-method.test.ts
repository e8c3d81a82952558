import type { DataSource } from 'typeorm';
import { eventually } from '../support/eventually';
import { accessLinkFrom } from '../support/access-link';
import { openTestDatabase } from '../support/database';
import { newEnvironment, uniqueKvkNumber } from '../support/directory';
import {
  agentView,
  caseAwaitingDocument,
  documentSettled,
  extractOf,
  REQUESTER_NAME,
  REQUESTER_ON_EXTRACT,
  type ExtractCase,
} from '../support/extract-case';
import { plainPdf } from '../support/test-pdfs';
import { newRecoveryRequest } from '../support/factories';
import { requestJson } from '../support/http-client';
import {
  caseReaches,
  codeFrom,
  decide,
  requesterAction,
  staffPost,
  uploadDocument,
} from '../support/recovery-flow';
import { requesterStatus } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

const COOLING_OFF_MS = 2_000;
const DAY_MS = 24 * 3600_000;

describe('the chamber extract method', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    [service, db] = await Promise.all([
      startTestService({
        RECOVERY_COOLING_OFF: `PT${COOLING_OFF_MS / 1000}S`,
        DOCUMENT_PARSE_TIMEOUT: 'PT5S',
      }),
      openTestDatabase(),
    ]);
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await service.close();
    await db.destroy();
  });

  /** A case whose good extract was read: waiting for the agent. */
  async function caseAwaitingReview(): Promise<ExtractCase> {
    const kase = await caseAwaitingDocument(service, db);
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    expect((await uploadDocument(service, kase.link, await extractOf(organisation))).status).toBe(202);
    await caseReaches(service, kase.link, 'awaiting_review');
    return kase;
  }

  it('reads a Dutch extract, and after approval and the cooling-off appoints the requester', async () => {
    const environment = await newEnvironment(db, {
      organisations: 2,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const [matched, other] = environment.organisations;
    const [formerAdmin, colleague] = environment.users;
    if (!matched || !other || !formerAdmin || !colleague) throw new Error('incomplete environment');
    const request = newRecoveryRequest({
      method: 'chamber_extract',
      requesterName: REQUESTER_NAME,
      kvkNumber: matched.kvkNumber,
      companyName: matched.name,
    });
    const accepted = await requestJson<{ reference: string }>(
      service.baseUrl,
      'POST',
      '/api/recovery-requests',
      { body: request },
    );
    expect(accepted.status).toBe(202);
    const link = accessLinkFrom(
      await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))),
    );
    expect(link.reference).toBe(accepted.body.reference);

    const confirmed = await requesterAction(service, link, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('awaiting_document');
    expect(confirmed.body.allowances.uploadsLeft).toBe(3);

    const extract = await extractOf(matched, {
      officers: [{ name: REQUESTER_ON_EXTRACT, role: 'bestuurder', authority: 'sole' }],
      sealed: true,
    });
    const uploaded = await uploadDocument(service, link, extract);
    expect(uploaded.status).toBe(202);
    expect(uploaded.body.status).toBe('analysing_document');
    expect(uploaded.body.latestDocument).toMatchObject({ sequence: 1 });

    const reviewed = await caseReaches(service, link, 'awaiting_review');
    expect(reviewed.latestDocument).toEqual({
      sequence: 1,
      status: 'analysed',
      refusalReason: null,
      refusalMessage: null,
    });
    expect(reviewed.allowances.uploadsLeft).toBe(2);
    expect(reviewed.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case_confirmed', 'document_uploaded', 'document_analysed', 'review_started']),
    );

    const seen = await agentView(service, agentToken, link.reference);
    expect(seen.status).toBe('awaiting_review');
    expect(seen.findings).toMatchObject({
      kvkNumber: matched.kvkNumber,
      kvkNumberMatches: true,
      companyName: matched.name,
      companyNameMatches: 'exact',
      extractRecent: true,
      requesterIsOfficer: true,
      officers: [{ name: REQUESTER_ON_EXTRACT, role: 'bestuurder', authority: 'yes' }],
    });
    expect(seen.matchedOrganisationIds).toEqual([matched.id]);
    // The verdicts an agent reads in the console, from the API itself.
    expect(seen.findingChecks).toEqual([
      {
        check: 'kvk_number',
        title: 'KvK number',
        colour: 'green',
        reason: `KvK number ${matched.kvkNumber} on the extract belongs to 1 organisation(s) of this environment.`,
      },
      {
        check: 'company_name',
        title: 'Company name',
        colour: 'green',
        reason: `"${matched.name}" is the name given.`,
      },
      {
        check: 'extract_date',
        title: 'Date of the extract',
        colour: 'green',
        reason: `Dated ${String(seen.findings?.extractDate)}: recent.`,
      },
      {
        check: 'requester_officer',
        title: 'Requester on the extract',
        colour: 'green',
        reason: 'The requester is an officer who may represent the company alone.',
      },
      {
        check: 'document',
        title: 'The PDF itself',
        colour: 'green',
        reason: 'No signs of editing in the PDF.',
      },
    ]);

    const decisionSentAt = Date.now();
    const approved = await decide(service, agentToken, link.reference, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('cooling_off');

    const coolingOff = await requesterStatus(service, link);
    expect(coolingOff.body.status).toBe('cooling_off');

    // The environment's active users and its known addresses are told, each with a link to object.
    const noticesSentAt: number[] = [];
    for (const address of [colleague.email, environment.environment.contactEmail, formerAdmin.email]) {
      const notice = await service.mail.waitForMail(
        (m) => m.to.includes(address.toLowerCase()) && m.subject.startsWith('Planned: a new administrator'),
      );
      expect(notice.text).toMatch(/http:\/\/recovery\.test\/objections\/[A-Za-z0-9_-]{20,}/);
      noticesSentAt.push(notice.receivedAt.getTime());
    }
    // Order, not milliseconds: the appointment is set once the notices are out, a whole cooling-off after
    // the last one was handed to the mail server (before the catcher had it), never before the decision.
    const appointAt = await eventually(async () => {
      const { body } = await requesterStatus(service, link);
      expect(body.appointAt).toEqual(expect.any(String));
      return Date.parse(body.appointAt ?? 'none');
    });
    // (The catcher stamps a mail as it takes it in, a moment around its answer: 100 ms of slack.)
    const lastNotice = Math.max(...noticesSentAt);
    expect(appointAt - COOLING_OFF_MS).toBeGreaterThanOrEqual(lastNotice - 100);
    expect(appointAt - COOLING_OFF_MS).toBeLessThanOrEqual(lastNotice + 1_000);
    expect(appointAt - COOLING_OFF_MS).toBeGreaterThanOrEqual(decisionSentAt);

    await caseReaches(service, link, 'completed');
    const appointed = await db.query<{ id: string; role: string }[]>(
      `SELECT id, role FROM users WHERE environment_id = $1 AND lower(email) = lower($2)`,
      [environment.environment.id, request.requesterEmail],
    );
    expect(appointed).toEqual([expect.objectContaining({ role: 'administrator' })]);
    const memberships = await db.query<{ organisation_id: string; role: string }[]>(
      `SELECT organisation_id, role FROM organisation_memberships WHERE user_id = $1`,
      [appointed[0]?.id],
    );
    // The extract proves a tie to its own company only: not to the environment's other organisation.
    expect(memberships).toEqual([{ organisation_id: matched.id, role: 'administrator' }]);
    expect((await agentView(service, agentToken, link.reference)).approvedOrganisationIds).toEqual([
      matched.id,
    ]);

    await service.mail.waitForMail(
      (m) =>
        m.to.includes(String(request.requesterEmail)) && m.subject.startsWith('You are now administrator'),
    );
  });

  it('sends an old English extract of another company to review, with findings that say so', async () => {
    const kase = await caseAwaitingDocument(service, db);
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    const otherKvkNumber = uniqueKvkNumber();
    const extract = await extractOf(
      { kvkNumber: otherKvkNumber, name: organisation.name },
      { language: 'en', madeOn: new Date(Date.now() - 60 * DAY_MS) },
    );

    expect((await uploadDocument(service, kase.link, extract)).status).toBe(202);
    await caseReaches(service, kase.link, 'awaiting_review');

    const { findings, findingChecks } = await agentView(service, agentToken, kase.link.reference);
    expect(findings).toMatchObject({
      kvkNumber: otherKvkNumber,
      kvkNumberMatches: false,
      extractRecent: false,
      requesterIsOfficer: true,
    });
    expect(findings?.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['kvk_number_not_in_environment', 'extract_too_old', 'not_sealed']),
    );
    expect(findings?.warnings.every((w) => w.message.length > 0)).toBe(true);
    // Each doubt is a check of its own, red or amber, whose reason is the finding's own words.
    const messageOf = (code: string) => findings?.warnings.find((w) => w.code === code)?.message;
    expect(findingChecks.map(({ check, colour, reason }) => [check, colour, reason])).toEqual([
      ['kvk_number', 'red', messageOf('kvk_number_not_in_environment')],
      ['company_name', 'green', `"${organisation.name}" is the name given.`],
      ['extract_date', 'red', messageOf('extract_too_old')],
      ['requester_officer', 'green', 'The requester is an officer who may represent the company alone.'],
      ['document', 'amber', messageOf('not_sealed')],
    ]);
  });

  it('links by default only what the extract names, not the KvK number the requester typed', async () => {
    // Anyone can order an extract of their own company and type another company's KvK number.
    const kase = await caseAwaitingDocument(service, db);
    const [typed] = kase.organisations;
    if (!typed) throw new Error('no organisation');
    const extract = await extractOf({ kvkNumber: uniqueKvkNumber(), name: 'Unrelated Holding B.V.' });
    expect((await uploadDocument(service, kase.link, extract)).status).toBe(202);
    await caseReaches(service, kase.link, 'awaiting_review');

    const approved = await decide(service, agentToken, kase.link.reference, { decision: 'approve' });
    expect(approved.status).toBe(200);
    const [row] = await db.query<{ approved_organisation_ids: string[] }[]>(
      `SELECT approved_organisation_ids FROM recovery_cases WHERE reference = $1`,
      [kase.link.reference],
    );
    expect(row?.approved_organisation_ids).toEqual([]);
  });

  it('asks for an extract when nothing matched, and mails the code once an agent links the environment', async () => {
    const submit = (body: Record<string, unknown>) =>
      requestJson(service.baseUrl, 'POST', '/api/recovery-requests', { body });
    const { organisations } = await newEnvironment(db, { organisations: 1 });
    const matching = await submit(
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    const request = newRecoveryRequest({
      method: 'email',
      requesterName: REQUESTER_NAME,
      kvkNumber: uniqueKvkNumber(),
      companyName: 'Nobody Knows Us B.V.',
    });
    const accepted = await submit(request);
    // The same answer as for a request that matched: nothing tells whether an environment exists.
    expect(accepted.status).toBe(202);
    expect(matching.status).toBe(202);
    expect(Object.keys(accepted.body)).toEqual(Object.keys(matching.body));
    const link = accessLinkFrom(
      await service.mail.waitForMail((m) => m.to.includes(String(request.requesterEmail))),
    );

    const confirmed = await requesterAction(service, link, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('awaiting_document');
    const askedForExtract = await service.mail.waitForMail(
      (m) => m.subject === `Please upload a Chamber of Commerce extract for case ${link.reference}`,
    );
    expect(askedForExtract.to).toEqual([String(request.requesterEmail)]);
    const waiting = await caseReaches(service, link, 'awaiting_document');
    expect(waiting.events.map((e) => e.type)).toContain('extract_requested');
    // Only the requester heard of this case: the link, then the request for an extract; no code anywhere.
    const aboutTheCase = () => service.mail.mails.filter((m) => m.subject.includes(link.reference));
    expect(aboutTheCase().map((m) => ({ to: m.to, subject: m.subject }))).toEqual([
      { to: [String(request.requesterEmail)], subject: `Your eConnect recovery request ${link.reference}` },
      { to: [String(request.requesterEmail)], subject: askedForExtract.subject },
    ]);
    const codeMails = () => aboutTheCase().filter((m) => m.subject.startsWith('Verification code'));

    const environment = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const [formerAdmin, colleague] = environment.users;
    if (!formerAdmin || !colleague) throw new Error('incomplete environment');
    const linked = await staffPost<{ status: string }>(
      service,
      agentToken,
      `/api/cases/${link.reference}/environment`,
      { environmentId: environment.environment.id },
    );
    expect(linked.status).toBe(200);
    expect(linked.body.status).toBe('awaiting_email_code');

    const codeMail = await service.mail.waitForMail(
      (m) => m.to.includes(environment.environment.contactEmail) && m.subject.includes(link.reference),
    );
    // Only the environment's own addresses in use: never the requester's, an ordinary user's, or the
    // deactivated administrator's.
    expect(codeMails().flatMap((m) => m.to)).not.toContain(String(request.requesterEmail));
    expect(codeMails().flatMap((m) => m.to)).not.toContain(colleague.email);
    expect(codeMails().flatMap((m) => m.to)).not.toContain(formerAdmin.email);
    await caseReaches(service, link, 'awaiting_email_code');

    const relinked = await staffPost<{ message: string }>(
      service,
      agentToken,
      `/api/cases/${link.reference}/environment`,
      { environmentId: environment.environment.id },
    );
    expect(relinked.status).toBe(409);

    const entered = await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) });
    expect(entered.status).toBe(200);
    expect(entered.body.status).toBe('awaiting_review');
  });

  it('rejects only with a reason, and mails the reason to the requester', async () => {
    const { link, request } = await caseAwaitingReview();

    const withoutReason = await decide(service, agentToken, link.reference, { decision: 'reject' });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.message).toMatch(/reason/);
    expect((await requesterStatus(service, link)).body.status).toBe('awaiting_review');

    const reason = 'The extract is of a company that has no account with us.';
    const rejected = await decide(service, agentToken, link.reference, { decision: 'reject', reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');

    const mail = await service.mail.waitForMail(
      (m) => m.to.includes(String(request.requesterEmail)) && m.subject.includes('was not approved'),
    );
    expect(mail.text).toContain(reason);
    const closed = await caseReaches(service, link, 'rejected');
    expect(closed.events).toContainEqual(expect.objectContaining({ type: 'case_rejected', message: reason }));
  });

  it('asks for a new document with a reason, and takes one more upload even after the last', async () => {
    const kase = await caseAwaitingDocument(service, db);
    const { link, request } = kase;
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    for (const sequence of [1, 2]) {
      expect((await uploadDocument(service, link, await plainPdf('Invoice 2024-001'))).status).toBe(202);
      expect((await documentSettled(service, link, sequence)).latestDocument?.status).toBe('refused');
    }
    expect((await uploadDocument(service, link, await extractOf(organisation))).status).toBe(202);
    expect((await caseReaches(service, link, 'awaiting_review')).allowances.uploadsLeft).toBe(0);

    const withoutReason = await decide(service, agentToken, link.reference, { decision: 'request_document' });
    expect(withoutReason.status).toBe(400);

    const reason = 'Please upload an extract of at most a month old.';
    const requested = await decide(service, agentToken, link.reference, {
      decision: 'request_document',
      reason,
    });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('awaiting_document');
    const mail = await service.mail.waitForMail(
      (m) =>
        m.to.includes(String(request.requesterEmail)) && m.subject.startsWith('Please upload a new document'),
    );
    expect(mail.text).toContain(reason);
    const waiting = await caseReaches(service, link, 'awaiting_document');
    expect(waiting.allowances.uploadsLeft).toBe(1);
    expect(waiting.events).toContainEqual(
      expect.objectContaining({ type: 'document_requested', message: reason }),
    );

    const fourth = await uploadDocument(service, link, await extractOf(organisation));
    expect(fourth.status).toBe(202);
    const reviewedAgain = await caseReaches(service, link, 'awaiting_review');
    expect(reviewedAgain.latestDocument).toMatchObject({ sequence: 4, status: 'analysed' });
    expect(reviewedAgain.allowances.uploadsLeft).toBe(0);
  });
});
