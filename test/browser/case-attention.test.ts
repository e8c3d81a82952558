import type { Browser, Page } from 'playwright-core';
import { caseWithBrokenAppointment, staffCase } from '../support/attention-case';
import {
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../support/browser';
import { openScratchDatabase } from '../support/database';
import { caseReaches } from '../support/recovery-flow';
import { newStaff, signIn, type TestStaff } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

describe('a case that needs attention, in the browser', () => {
  // A database of its own: the dashboard's figures are exactly this file's cases.
  let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
  let service: TestService;
  let browser: Browser;
  let agentToken: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    scratch = await openScratchDatabase('econnect_attention_browser');
    // A few seconds of cooling-off: long enough to delete an approved organisation before the appointment.
    service = await startTestService({ DATABASE_URL: scratch.url, RECOVERY_COOLING_OFF: 'PT3S' });
    agentToken = await signIn(service.baseUrl, await newStaff(scratch.db, { role: 'agent' }));
  });

  afterAll(async () => {
    await browser.close();
    await service.close();
    await scratch.drop();
  });

  async function signedInPage(staff: TestStaff, path: string): Promise<Page> {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${service.baseUrl}${path}`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  it('leads a manager from the dashboard to the case, and retries the failed appointment there', async () => {
    const { link, directory } = await caseWithBrokenAppointment(service, scratch.db, agentToken);
    const remaining = directory.organisations[1]!;
    const manager = await newStaff(scratch.db, { role: 'manager', name: 'Mona Manager' });

    const page = await signedInPage(manager, '/console/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('1 case needs attention.').waitFor();
    const figure = page.locator('.figure', { hasText: 'Needs attention' }).locator('dd');
    expect((await figure.textContent())?.trim()).toBe('1');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'attention-dashboard');

    await page.getByRole('link', { name: 'Show the cases that need attention' }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('needs_attention');
    await page.getByRole('link', { name: link.reference }).click();

    await page
      .getByRole('heading', { name: 'Needs attention: the step “appoint administrator” failed' })
      .waitFor();
    await page.getByRole('heading', { name: 'Retry the step' }).waitFor();
    await page.getByRole('heading', { name: 'Close the case' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'attention-case');

    // The closure asks for its reason before it goes anywhere: the browser's own check stops it.
    await page.getByRole('button', { name: 'Close the case' }).click();
    expect(await page.locator('#field-reason:invalid').count()).toBe(1);
    expect(page.url()).not.toContain('outcome=');

    await page.getByLabel(new RegExp(`^${remaining.name}`)).check();
    await page.getByRole('button', { name: 'Retry the step' }).click();
    await page.getByText('The step runs again').waitFor();
    await caseReaches(service, link, 'completed');
    expect((await staffCase(service, agentToken, link.reference)).approvedOrganisationIds).toEqual([
      remaining.id,
    ]);
    await page.reload();
    await page.getByText('completed', { exact: true }).first().waitFor();
    expect(await page.getByRole('heading', { name: /^Needs attention/ }).count()).toBe(0);
  });
});
