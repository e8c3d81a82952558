import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  newContext,
  saveScreenshot,
  seriousAccessibilityViolations,
} from '../support/browser';
import { startTestService, type TestService } from '../support/test-service';

describe('the request form by keyboard alone, on a phone-sized screen', () => {
  let service: TestService;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    service = await startTestService();
  });

  afterAll(async () => {
    await browser.close();
    await service.close();
  });

  /** What has the keyboard focus: its label's text, a link's or a button's (run in the page). */
  const focused = async (page: Page): Promise<string> =>
    String(
      await page.evaluate(`(() => {
        const element = document.activeElement;
        const label = element && element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
        return ((label || element) && (label || element).textContent || '').trim();
      })()`),
    );

  const pageWidth = async (page: Page): Promise<number> =>
    Number(await page.evaluate('document.documentElement.scrollWidth'));

  async function tabTo(page: Page, expected: string | RegExp): Promise<void> {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof expected === 'string') expect(now).toBe(expected);
    else expect(now).toMatch(expected);
  }

  it('reaches every field in order, chooses with the keys and sends with Enter, at 360 px', async () => {
    const page = await (await newContext(browser, { width: 360 })).newPage();
    await page.goto(`${service.baseUrl}/recover`);
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await tabTo(page, 'Skip to the content');
    await tabTo(page, 'Nederlands');
    await tabTo(page, 'Your full name');
    await page.keyboard.type('Anna de Vries');
    await tabTo(page, 'Your work email address');
    await page.keyboard.type(`anna.${Date.now().toString(36)}@acme.example`);
    await tabTo(page, /^Phone number/);
    await tabTo(page, 'Company name');
    await page.keyboard.type('Acme B.V.');
    await tabTo(page, /^KvK number/);
    await page.keyboard.type('1234 5678');
    await tabTo(page, /^Environment name or id/);
    await tabTo(page, /^The former administrator's email address/);
    // A radio group is one stop: Tab lands on its first choice, an arrow key moves and chooses.
    await tabTo(page, 'A code mailed to an address eConnect already knows');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('An extract from the Chamber of Commerce (KvK)');
    expect(await page.getByLabel('An extract from the Chamber of Commerce (KvK)').isChecked()).toBe(true);
    await tabTo(page, /^Anything else we should know/);
    await tabTo(page, 'English');
    await tabTo(page, 'Send request');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Check your mailbox' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'request-form-keyboard');
  });

  it('speaks Dutch to a browser that prefers it, and shows the API’s refusals beside their fields', async () => {
    const page = await (await newContext(browser, { locale: 'nl-NL' })).newPage();
    await page.goto(`${service.baseUrl}/recover`);
    await page.getByRole('heading', { name: 'Beheerderstoegang herstellen' }).waitFor();
    expect(await page.getByLabel('Nederlands').isChecked()).toBe(true);

    await page.getByLabel('Uw volledige naam').fill('Anna de Vries');
    await page.getByLabel('Uw zakelijke e-mailadres').fill('anna@acme.example');
    await page.getByLabel('Bedrijfsnaam').fill('Acme B.V.');
    // One digit short. The browser's own hint would stop it; switched off, the API is the judge.
    await page.getByLabel(/KvK-nummer/).fill('1234567');
    await page.getByLabel(/Een uittreksel van de Kamer van Koophandel/).check();
    await page.evaluate('document.getElementById("request-form").noValidate = true');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();

    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Een KvK-nummer heeft precies 8 cijfers.');
    expect(await page.getByLabel(/KvK-nummer/).getAttribute('aria-invalid')).toBe('true');
    // Everything typed is still there.
    expect(await page.getByLabel('Uw volledige naam').inputValue()).toBe('Anna de Vries');
    expect(await page.getByLabel(/KvK-nummer/).inputValue()).toBe('1234567');
    expect(await page.getByLabel(/Een uittreksel van de Kamer van Koophandel/).isChecked()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The summary's link takes the keyboard to the field.
    await page.getByRole('link', { name: /Een KvK-nummer heeft precies 8 cijfers/ }).click();
    expect(await focused(page)).toMatch(/^KvK-nummer/);
  });
});
