import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import {
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../support/browser';
import { accessLinkFrom } from '../support/access-link';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { codeFrom } from '../support/recovery-flow';
import { startTestService, type TestService } from '../support/test-service';

describe('a requester in the browser, email method', () => {
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

  /** The mailed link as the browser opens it: the test's api, whatever PUBLIC_BASE_URL said. */
  const onService = (url: string): string => {
    const link = new URL(url);
    return `${service.baseUrl}${link.pathname}${link.search}`;
  };

  async function fillRequest(page: Page, values: { email: string; kvkNumber: string }): Promise<void> {
    await page.getByLabel('Your full name').fill('Anna de Vries');
    await page.getByLabel('Your work email address').fill(values.email);
    await page.getByLabel('Company name').fill('Acme B.V.');
    await page.getByLabel(/KvK number/).fill(values.kvkNumber);
    await page.getByLabel(/A code mailed to an address eConnect already knows/).check();
  }

  it('submits the form on a phone, follows the mailed link, confirms, and gets the code right after one wrong try', async () => {
    const { environment, organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const kvkNumber = organisations[0]?.kvkNumber ?? '';
    const email = `anna.${Date.now().toString(36)}@acme.example`;
    // On a phone: the mailed link is often opened there.
    const page = await (await newContext(browser, { width: 360 })).newPage();

    await page.goto(`${service.baseUrl}/recover`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The server is the judge: an address the browser lets through but the API refuses is shown beside
    // its field, and the form keeps everything typed.
    await fillRequest(page, { email: 'anna@acme', kvkNumber });
    await page.getByRole('button', { name: 'Send request' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a valid email address');
    expect(await page.getByLabel('Your work email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Company name').inputValue()).toBe('Acme B.V.');
    expect(await page.getByLabel(/A code mailed/).isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Your work email address').fill(email);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'Check your mailbox' }).waitFor();

    const link = accessLinkFrom(await service.mail.waitForMail((m) => m.to.includes(email)));
    await page.goto(onService(link.url));
    await page.getByText('Waiting for you to confirm your email address').waitFor();
    // Opening the link confirmed nothing: a mail scanner following it does no harm.
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();

    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const code = codeFrom(codeMail);
    await page.getByLabel('Code from the mail').waitFor();
    await page.getByText('5 tries left.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Code from the mail').fill(code === '00000000' ? '11111111' : '00000000');
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.getByText('That code is not right.').waitFor();
    await page.getByText('4 tries left.').waitFor();

    // Copied with a space in the middle, as people do.
    await page.getByLabel('Code from the mail').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.getByText('A support agent is reviewing your request').first().waitFor();
    await page.getByText('Code accepted').waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'requester-email-method');
  });
});
