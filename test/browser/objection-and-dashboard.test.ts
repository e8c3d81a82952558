import type { Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import {
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../support/browser';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { newRecoveryRequest } from '../support/factories';
import { caseReaches, codeFrom, decide, requesterAction } from '../support/recovery-flow';
import { submitAndOpenMail } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('an objection, and the managers’ pages, in the browser', () => {
  let service: TestService;
  let db: DataSource;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    // A cooling-off long enough to object in.
    service = await startTestService({ RECOVERY_COOLING_OFF: 'PT1H' });
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await browser.close();
    await db.destroy();
    await service.close();
  });

  it('lets a user of the environment object, in the case’s Dutch, and sends the case back to review', async () => {
    const { environment, organisations, users } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const userEmail = users[1]?.email ?? '';
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber, language: 'nl' }),
    );
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    expect((await requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) })).status).toBe(
      200,
    );
    const agentToken = await signIn(service.baseUrl, await newStaff(db));
    expect((await decide(service, agentToken, link.reference, { decision: 'approve' })).status).toBe(200);
    const notice = await service.mail.waitForMail(
      (m) => m.to.includes(userEmail) && m.text.includes('/objections/'),
    );
    // The link carries the case's language: the page is Dutch even in an English browser.
    const path = /\/objections\/[A-Za-z0-9_-]+\?lang=nl/.exec(notice.text)?.[0] ?? '';
    expect(path).not.toBe('');

    const page = await (await newContext(browser, { locale: 'en-GB' })).newPage();
    await page.goto(`${service.baseUrl}${path}`);
    await page.getByRole('heading', { name: 'Bezwaar maken tegen een nieuwe beheerder' }).waitFor();
    // What the notice said: who asked, for which environment.
    await page.getByText(/heeft gevraagd beheerder te worden van de omgeving/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Waarom maakt u bezwaar?').fill('?');
    await page.getByRole('button', { name: 'Mijn bezwaar versturen' }).click();
    await page.getByText('Vertel in een paar woorden waarom u bezwaar maakt').first().waitFor();
    expect(await page.getByLabel('Waarom maakt u bezwaar?').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Waarom maakt u bezwaar?').fill('Onze beheerder is op vakantie, niet vertrokken.');
    await page.getByRole('button', { name: 'Mijn bezwaar versturen' }).click();
    await page.getByRole('heading', { name: 'Bezwaar ontvangen' }).waitFor();
    const status = await caseReaches(service, link, 'awaiting_review');
    expect(status.events.map((e) => e.type)).toContain('objection_raised');
    await saveScreenshot(page, 'objection');

    // The link works once: opened again, it says so at once, with no form to fill in for nothing.
    const again = await page.goto(`${service.baseUrl}${path}`);
    expect(again?.status()).toBe(404);
    await page.getByText('Deze link kan niet worden gebruikt').waitFor();
    expect(await page.getByLabel('Waarom maakt u bezwaar?').count()).toBe(0);
  });

  it('shows a manager the dashboard and the environments at risk', async () => {
    const { environment } = await newEnvironment(db, {
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const manager = await newStaff(db, { role: 'manager', name: 'Mona Manager' });
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${service.baseUrl}/console/dashboard`);
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back where the manager was going, with the figures.
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Mona Manager (manager)').waitFor();
    const open = page.locator('.figure', { hasText: 'Open cases' }).locator('dd');
    expect(Number(await open.textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('svg.chart rect.bar-opened').count()).toBe(12);
    await page.getByRole('img', { name: /Cases opened and completed per week/ }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await page.goto(`${service.baseUrl}/console/cases`);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${service.baseUrl}/console/dashboard`);
    await saveScreenshot(page, 'manager-dashboard');

    await page.getByRole('link', { name: 'Environments at risk' }).click();
    await page.getByRole('heading', { name: 'Environments at risk' }).waitFor();
    await page.getByRole('rowheader', { name: environment.reference }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    const after = await page.goto(`${service.baseUrl}/console/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(after?.status()).toBe(200);
  });
});
