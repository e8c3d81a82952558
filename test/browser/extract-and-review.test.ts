import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import {
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../support/browser';
import { openTestDatabase } from '../support/database';
import { caseAwaitingDocument, documentSettled, extractOf } from '../support/extract-case';
import { decide, uploadDocument } from '../support/recovery-flow';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('the extract method in the browser: the requester uploads, an agent reviews', () => {
  let service: TestService;
  let db: DataSource;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    service = await startTestService();
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await browser.close();
    await db.destroy();
    await service.close();
  });

  const pageFor = async (): Promise<Page> => (await newContext(browser)).newPage();

  async function signInToConsole(page: Page, staff: TestStaff): Promise<void> {
    await page.goto(`${service.baseUrl}/console`);
    // No session: the console sends the browser to its sign-in page.
    await page.getByRole('heading', { name: 'Sign in to the support console' }).waitFor();
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
  }

  /** A case waiting for review with a good extract read, made through the API. */
  async function caseInReview() {
    const kase = await caseAwaitingDocument(service, db);
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    await uploadDocument(service, kase.link, await extractOf(organisation));
    const settled = await documentSettled(service, kase.link, 1);
    expect(settled.status).toBe('awaiting_review');
    return kase;
  }

  it('lets the requester upload an extract, saying plainly why a wrong file was refused', async () => {
    const kase = await caseAwaitingDocument(service, db);
    const [organisation] = kase.organisations;
    if (!organisation) throw new Error('no organisation');
    const page = await pageFor();
    await page.goto(kase.link.url.replace(/^https?:\/\/[^/]+/, service.baseUrl));
    await page.getByText('Waiting for your Chamber of Commerce extract').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Extract (PDF)').setInputFiles({
      name: 'uittreksel.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('This is a letter, not a PDF.'),
    });
    await page.getByRole('button', { name: 'Upload the extract' }).click();
    await page.getByText('That file is not a PDF.').waitFor();
    expect(await page.getByLabel('Extract (PDF)').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Extract (PDF)').setInputFiles({
      name: 'uittreksel.pdf',
      mimeType: 'application/pdf',
      buffer: await extractOf(organisation),
    });
    await page.getByRole('button', { name: 'Upload the extract' }).click();
    // Read in the background; the page looks again by itself until the case moved on.
    await page.getByText('A support agent is reviewing your request').first().waitFor({ timeout: 30_000 });
    await page.getByText('We read your extract.').waitFor();
    await page.getByText('Extract uploaded').waitFor();
    await saveScreenshot(page, 'requester-extract-upload');
  });

  it('lets an agent sign in, find the case, read the findings beside the extract and approve', async () => {
    const kase = await caseInReview();
    const agent = await newStaff(db, { role: 'agent' });
    const page = await pageFor();

    await page.goto(`${service.baseUrl}/console/sign-in`);
    await page.getByLabel('Email address').fill(agent.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email address or the password is not right').waitFor();

    await signInToConsole(page, agent);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Agents see no manager pages.
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);

    await page.getByLabel('Search').fill(kase.link.reference);
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.getByRole('link', { name: kase.link.reference }).click();
    await page.getByRole('heading', { name: `Case ${kase.link.reference}` }).waitFor();

    const findings = page.locator('.check');
    expect(await findings.count()).toBeGreaterThanOrEqual(5);
    await page.getByText(/OK:\s*KvK number\./).waitFor();
    await page.getByText(/OK:\s*Requester on the extract\./).waitFor();
    expect(await page.locator('iframe[title="The uploaded extract (PDF)"]').getAttribute('src')).toBe(
      `/api/cases/${kase.link.reference}/document?sequence=1`,
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // On a phone the columns stack and wide tables scroll in their own region: the page does not.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel(/^Approve/).check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Approved. The users of the environment are told').waitFor();
    await page.getByText('cooling off').first().waitFor();
    await saveScreenshot(page, 'agent-approves');
  });

  // A file that is a PDF to its reader and a web page to a browser. Uploads must start with `%PDF-` now; one
  // stored before that rule, or with its page after the header, is still only ever shown as a PDF.
  it.each([
    ['a page before the PDF header (stored before uploads had to start with it)', 'before'],
    ['a page after the PDF header', 'after'],
  ] as const)(
    'shows an agent a polyglot with %s as a PDF, running none of its script',
    async (_what, where) => {
      const kase = await caseInReview();
      const [row] = await db.query<{ content: Buffer }[]>(
        `SELECT d.content FROM case_documents d JOIN recovery_cases c ON c.id = d.case_id WHERE c.reference = $1`,
        [kase.link.reference],
      );
      if (!row) throw new Error('no document');
      const page = Buffer.from(
        '<html><body><script>fetch("/polyglot-ran?" + document.domain)</script></body></html>',
      );
      const polyglot =
        where === 'before' ? Buffer.concat([page, row.content]) : Buffer.concat([row.content, page]);
      await db.query(
        `UPDATE case_documents SET content = $1 WHERE case_id = (SELECT id FROM recovery_cases WHERE reference = $2)`,
        [polyglot, kase.link.reference],
      );
      const agent = await newStaff(db, { role: 'agent' });
      const browserPage = await pageFor();
      await signInToConsole(browserPage, agent);
      const requested: string[] = [];
      browserPage.on('request', (request) => requested.push(request.url()));

      const answer = await browserPage.goto(
        `${service.baseUrl}/api/cases/${kase.link.reference}/document?sequence=1`,
      );
      expect(answer?.status()).toBe(200);
      // allHeaders(): headers() leaves out those Playwright counts as security-related, this one among them.
      expect(await answer?.allHeaders()).toMatchObject({
        'content-type': 'application/pdf',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      // Long enough for a page's script to have asked, had it run.
      await browserPage.waitForTimeout(1_500);
      expect(requested.filter((url) => url.includes('polyglot-ran'))).toEqual([]);
    },
  );

  it('shows an agent whose decision lost the race what happened instead', async () => {
    const kase = await caseInReview();
    const [agent, colleague] = [await newStaff(db), await newStaff(db)];
    const page = await pageFor();
    await signInToConsole(page, agent);
    await page.goto(`${service.baseUrl}/console/cases/${kase.link.reference}`);
    await page.getByLabel(/^Approve/).check();

    // Meanwhile a colleague rejects it.
    const rejected = await decide(service, await signIn(service.baseUrl, colleague), kase.link.reference, {
      decision: 'reject',
      reason: 'The extract names someone else.',
    });
    expect(rejected.status).toBe(200);

    await page.getByRole('button', { name: 'Save decision' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /Your decision was not applied.*It was rejected at .* by another agent.*"rejected"/s,
    );
    expect(await page.getByRole('button', { name: 'Save decision' }).count()).toBe(0);
    await saveScreenshot(page, 'agent-lost-race');
  });

  it('refuses a decision made on a page opened before the case changed, and says what changed', async () => {
    const kase = await caseInReview();
    const agent = await newStaff(db);
    const page = await pageFor();
    await signInToConsole(page, agent);
    await page.goto(`${service.baseUrl}/console/cases/${kase.link.reference}`);
    await page.getByLabel(/^Approve/).check();

    // Meanwhile the case changes under the open page: an agent links it again (as the trail records it).
    await db.query(
      `INSERT INTO case_events (case_id, type, actor_type, details)
       SELECT id, 'environment_linked', 'agent', '{}'::jsonb FROM recovery_cases WHERE reference = $1`,
      [kase.link.reference],
    );

    await page.getByRole('button', { name: 'Save decision' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'Your decision was not applied: the case changed after you opened it (environment linked). Look at it as it is now and decide again.',
    );
    // Still in review, with the form again, now on the case as it is.
    expect(await page.getByRole('button', { name: 'Save decision' }).count()).toBe(1);
    await saveScreenshot(page, 'agent-stale-decision');
    await page.getByLabel(/^Approve/).check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Approved. The users of the environment are told').waitFor();
  });

  it('keeps the console from anyone without a session, and agents from the manager pages', async () => {
    const page = await pageFor();
    const response = await page.goto(`${service.baseUrl}/console/cases/RC-AAAA-BBBB`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/console/cases/RC-AAAA-BBBB');
    expect(response?.status()).toBe(200);
    await signInToConsole(page, await newStaff(db, { role: 'agent' }));
    const dashboard = await page.goto(`${service.baseUrl}/console/dashboard`);
    expect(dashboard?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Only for managers' }).waitFor();
  });
});
