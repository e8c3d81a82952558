import type { DataSource } from 'typeorm';
import { InProcessApi } from '../../apps/api/src/web/shared/in-process-api';
import { openTestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { newEnvironment } from '../support/directory';
import { newCase } from '../support/cases';
import { newRecoveryRequest } from '../support/factories';
import { PageClient } from '../support/page-client';
import { codeFrom, requesterAction } from '../support/recovery-flow';
import { requesterStatus, submitAndOpenMail } from '../support/requester';
import { newStaff } from '../support/staff';
import { testConfig } from '../support/test-config';
import { startApi, startTestService, type TestService } from '../support/test-service';

describe('the HTML pages over HTTP', () => {
  let service: TestService;
  let db: DataSource;

  beforeAll(async () => {
    service = await startTestService();
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  const casesFor = async (email: string): Promise<number> => {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM recovery_cases WHERE requester_email = $1`,
      [email],
    );
    return row?.n ?? 0;
  };

  const formFor = (email: string): Record<string, string> => ({
    requesterName: 'Anna de Vries',
    requesterEmail: email,
    companyName: 'Acme B.V.',
    method: 'email',
    language: 'en',
  });

  /** An environment whose only administrator is gone, and an email-method request for it (link mailed). */
  async function emailMethodCase() {
    const { environment, organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    return { environment, link };
  }

  async function signedIn(role: 'agent' | 'manager'): Promise<PageClient> {
    return PageClient.signedIn(service.baseUrl, await newStaff(db, { role }));
  }

  it('sends every page with a strict Content-Security-Policy, no referrer and no caching', async () => {
    const answer = await new PageClient(service.baseUrl).get('/recover');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const html = await answer.text();
    // No inline script anywhere: every script is a file of this service.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const [csrfCookie] = answer.headers.getSetCookie();
    expect(csrfCookie).toMatch(/^csrf=[A-Za-z0-9_-]{43};/);
    expect(csrfCookie).toContain('HttpOnly');
    expect(csrfCookie).toContain('SameSite=Strict');
    expect(csrfCookie).not.toContain('Secure');

    // The API's documentation (Swagger UI) may set styles inline, never run an inline script.
    const docs = await new PageClient(service.baseUrl).get('/api/docs');
    const docsPolicy = docs.headers.get('content-security-policy') ?? '';
    expect(docsPolicy).toContain("script-src 'self';");
    expect(docsPolicy).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('names its cookies __Host- and makes them Secure when the service is served over https', async () => {
    const secure = await startApi(testConfig({ PUBLIC_BASE_URL: 'https://recovery.example.nl' }));
    try {
      const form = await new PageClient(secure.baseUrl).get('/recover');
      const [csrfCookie] = form.headers.getSetCookie();
      expect(csrfCookie).toMatch(/^__Host-csrf=[A-Za-z0-9_-]{43};/);
      const staff = await newStaff(db);
      const console = await PageClient.signedIn(secure.baseUrl, staff);
      expect(console.cookie('__Host-staff_session')).toMatch(/\S{20,}/);
      expect(console.cookie('staff_session')).toBeUndefined();
      // What the __Host- prefix makes the browser insist on: Secure, the whole host, no Domain.
      const signedInAgain = await new PageClient(secure.baseUrl).get('/console/sign-in');
      for (const line of [csrfCookie, ...signedInAgain.headers.getSetCookie()]) {
        expect(line).toContain('Secure');
        expect(line).toContain('Path=/');
        expect(line).not.toMatch(/Domain=/i);
      }
      expect((await console.get('/console/cases')).status).toBe(200);
    } finally {
      await secure.api.close();
    }
  });

  // A link in a mail (an overdue review's) is a cross-site click: SameSite=Strict cookies are not sent, so
  // the sign-in page sets a new form cookie while the browser still holds a session. Signing in must work.
  it('signs in from a page opened without the browser’s cookies, while an old session is still held', async () => {
    const staff = await newStaff(db);
    const browser = await PageClient.signedIn(service.baseUrl, staff);
    const withoutCookies = new PageClient(service.baseUrl);
    const page = await (await withoutCookies.get('/console/sign-in')).text();
    browser.setCookie('csrf', withoutCookies.cookie('csrf') ?? '');
    const signedIn = await browser.post('/console/sign-in', {
      _csrf: PageClient.hiddenField(page, '_csrf'),
      email: staff.email,
      password: staff.password,
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/console/cases');
  });

  it('refuses a console form rendered for another session in the same browser', async () => {
    const [first, second] = [await newStaff(db), await newStaff(db)];
    const browser = await PageClient.signedIn(service.baseUrl, first);
    const oldToken = PageClient.hiddenField(await (await browser.get('/console/cases')).text(), '_csrf');
    await browser.post('/console/sign-out', { _csrf: oldToken });
    const signIn = await (await browser.get('/console/sign-in')).text();
    const signedIn = await browser.post('/console/sign-in', {
      _csrf: PageClient.hiddenField(signIn, '_csrf'),
      email: second.email,
      password: second.password,
    });
    expect(signedIn.status).toBe(303);

    // The first member's form, sent under the second member's session: refused as expired.
    const stale = await browser.post('/console/cases/RC-AAAA-AAAA/decision', {
      _csrf: oldToken,
      decision: 'approve',
    });
    expect(stale.headers.get('location')).toContain('outcome=form_expired');
    const fresh = PageClient.hiddenField(await (await browser.get('/console/cases')).text(), '_csrf');
    expect(fresh).not.toBe(oldToken);
    const current = await browser.post('/console/cases/RC-AAAA-AAAA/decision', {
      _csrf: fresh,
      decision: 'approve',
    });
    expect(current.headers.get('location')).not.toContain('outcome=form_expired');
  });

  it('refuses a form without its CSRF token, with another browser’s token, or from another site, and stores nothing', async () => {
    const email = `csrf.${Date.now().toString(36)}@acme.example`;
    const victim = new PageClient(service.baseUrl);
    const token = PageClient.hiddenField(await (await victim.get('/recover')).text(), '_csrf');

    const missing = await victim.post('/recover', formFor(email));
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Check your details and send it again.');

    const attacker = new PageClient(service.baseUrl);
    await attacker.get('/recover');
    const foreign = await attacker.post('/recover', { ...formFor(email), _csrf: token });
    expect(foreign.status).toBe(403);

    const crossSite = await victim.post(
      '/recover',
      { ...formFor(email), _csrf: token },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(await casesFor(email)).toBe(0);

    const sent = await victim.post('/recover', {
      ...formFor(email),
      _csrf: token,
      idempotencyKey: 'form-key-1234',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toMatch(/^\/recover\/sent\?reference=RC-[A-Z0-9-]+&lang=en$/);
    // The same form sent twice (a double click, a reload) is one case.
    const again = await victim.post('/recover', {
      ...formFor(email),
      _csrf: token,
      idempotencyKey: 'form-key-1234',
    });
    expect(again.headers.get('location')).toBe(sent.headers.get('location'));
    expect(await casesFor(email)).toBe(1);
  });

  it('confirms nothing on a GET of the access link, and only with the form’s token on a POST', async () => {
    const request = newRecoveryRequest({ method: 'email' });
    const link = await submitAndOpenMail(service, request);
    const requester = new PageClient(service.baseUrl);
    const page = await requester.get(`/recover/${link.reference}?token=${link.token}`);
    expect(page.status).toBe(200);
    expect((await requesterStatus(service, link)).body.status).toBe('awaiting_confirmation');

    const forged = await requester.post(`/recover/${link.reference}/confirm`, {
      token: link.token,
      _csrf: 'x'.repeat(43),
    });
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toContain('problem=form_expired');
    expect((await requesterStatus(service, link)).body.status).toBe('awaiting_confirmation');

    const confirmed = await requester.post(`/recover/${link.reference}/confirm`, {
      token: link.token,
      _csrf: PageClient.hiddenField(await page.text(), '_csrf'),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).not.toContain('problem=');
    expect((await requesterStatus(service, link)).body.status).not.toBe('awaiting_confirmation');
  });

  it('sends a new code and cancels through the case page’s forms, and says when an action is refused', async () => {
    const { environment, link } = await emailMethodCase();
    const requester = new PageClient(service.baseUrl);
    const pagePath = `/recover/${link.reference}?token=${link.token}`;
    const csrf = PageClient.hiddenField(await (await requester.get(pagePath)).text(), '_csrf');
    const act = (action: string, extra: Record<string, string> = {}) =>
      requester.post(`/recover/${link.reference}/${action}`, { token: link.token, _csrf: csrf, ...extra });

    expect((await act('confirm')).headers.get('location')).not.toContain('problem=');
    await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const codePage = await (await requester.get(pagePath)).text();
    expect(codePage).toContain('You can ask for a new code 3 more times.');

    expect((await act('resend')).headers.get('location')).not.toContain('problem=');
    await eventually(async () => {
      const mails = service.mail.mails.filter(
        (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
      );
      expect(mails).toHaveLength(2);
    });
    const wrongFormat = await act('email-code', { code: '12' });
    expect(wrongFormat.headers.get('location')).toContain('problem=code_format');
    const shown = await (await requester.get(wrongFormat.headers.get('location') ?? '')).text();
    expect(shown).toContain('role="alert">The code is the 8 digits from the mail.');

    expect((await act('cancel')).headers.get('location')).not.toContain('problem=');
    expect((await requesterStatus(service, link)).body.status).toBe('cancelled');
    const again = await act('cancel');
    expect(again.headers.get('location')).toContain('problem=cancel_refused');
    const final = await (await requester.get(pagePath)).text();
    expect(final).toContain('Your request was cancelled.');
    expect(final).not.toContain('Yes, cancel my request');
    // An action the page does not have.
    expect((await act('delete')).status).toBe(404);
  });

  it('shows a wrong or missing token as a link that opens nothing, the same for every reference', async () => {
    const link = await submitAndOpenMail(service, newRecoveryRequest());
    const client = new PageClient(service.baseUrl);
    const wrong = await client.get(`/recover/${link.reference}?token=${'A'.repeat(43)}`);
    const none = await client.get(`/recover/${link.reference}`);
    const unknown = await client.get(`/recover/RC-AAAA-AAAA?token=${link.token}`);
    for (const answer of [wrong, none, unknown]) {
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain('This link does not open a request.');
    }
  });

  it('keeps HTML forms away from the JSON API: only the pages take them', async () => {
    const email = `form.${Date.now().toString(36)}@acme.example`;
    const answer = await fetch(`${service.baseUrl}/api/recovery-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(formFor(email)).toString(),
    });
    expect(answer.status).toBe(415);
    expect(((await answer.json()) as { message: string }).message).toBe(
      'Send JSON (application/json) to the API.',
    );
    expect(await casesFor(email)).toBe(0);
  });

  it('sends the console to its sign-in page without a session, and agents away from the managers’ pages', async () => {
    const anonymous = new PageClient(service.baseUrl);
    for (const path of [
      '/console/cases',
      '/console/cases/RC-AAAA-AAAA',
      '/console/dashboard',
      '/console/environments-at-risk',
    ]) {
      const answer = await anonymous.get(path);
      expect([path, answer.status]).toEqual([path, 303]);
      expect(answer.headers.get('location')).toBe(`/console/sign-in?next=${encodeURIComponent(path)}`);
    }
    const decision = await anonymous.post('/console/cases/RC-AAAA-AAAA/decision', { decision: 'approve' });
    expect(decision.status).toBe(303);
    expect(decision.headers.get('location')).toBe('/console/sign-in');

    const agent = await signedIn('agent');
    expect((await agent.get('/console/cases')).status).toBe(200);
    expect((await agent.get('/console/dashboard')).status).toBe(403);
    expect((await agent.get('/console/environments-at-risk')).status).toBe(403);
    const manager = await signedIn('manager');
    expect((await manager.get('/console/dashboard')).status).toBe(200);
    expect((await manager.get('/console/environments-at-risk')).status).toBe(200);
  });

  it('pages through the queue by keyset, filtered and searched, marking overdue cases and showing ages', async () => {
    const tag = `Paging${Date.now().toString(36)}`;
    for (let i = 0; i < 26; i++) {
      await newCase(db, { companyName: `${tag} ${String(i)} B.V.`, overdue: i === 25 });
    }
    const agent = await signedIn('agent');
    const first = await (await agent.get(`/console/cases?q=${tag}&status=awaiting_review`)).text();
    expect(first.match(/<th scope="row">/g)).toHaveLength(25);
    // Newest first: the last one made, overdue, leads and is marked.
    expect(first.indexOf(`${tag} 25 B.V.`)).toBeLessThan(first.indexOf(`${tag} 24 B.V.`));
    expect(first).toContain('<span class="badge badge--overdue">Overdue</span>');
    expect(first).toMatch(/>0 min<\/span>/);
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(next).toContain(`q=${tag}`);
    const second = await (await agent.get(next)).text();
    expect(second.match(/<th scope="row">/g)).toHaveLength(1);
    expect(second).toContain(`${tag} 0 B.V.`);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('First page');

    const overdueOnly = await (await agent.get(`/console/cases?q=${tag}&overdue=true`)).text();
    expect(overdueOnly.match(/<th scope="row">/g)).toHaveLength(1);
    const refused = await agent.get('/console/cases?status=nonsense');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('status must be one or more of');
  });

  it('tells a staff member locked out after ten failed sign-ins so, in words', async () => {
    const staff = await newStaff(db);
    const client = new PageClient(service.baseUrl);
    const csrf = PageClient.hiddenField(await (await client.get('/console/sign-in')).text(), '_csrf');
    let last = '';
    for (let i = 0; i < 11; i++) {
      last = await (
        await client.post('/console/sign-in', { _csrf: csrf, email: staff.email, password: 'wrong' })
      ).text();
    }
    expect(last).toMatch(
      /Too many failed sign-ins for this email address\. Wait \d+ minutes? and try again\./,
    );
    const withRightPassword = await client.post('/console/sign-in', {
      _csrf: csrf,
      email: staff.email,
      password: staff.password,
    });
    expect(withRightPassword.status).toBe(429);
  });

  it('rejects from the case page only with a reason, and says so beside the field', async () => {
    const { environment, link } = await emailMethodCase();
    await requesterAction(service, link, 'confirm');
    const mail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    expect((await requesterAction(service, link, 'email-code', { code: codeFrom(mail) })).status).toBe(200);

    const agent = await signedIn('agent');
    const casePath = `/console/cases/${link.reference}`;
    const casePage = await (await agent.get(casePath)).text();
    // The trail says the stored `case_link_sent` in today's words: the mailed link is the access link.
    expect(casePage).toContain('access link sent');
    expect(casePage).not.toContain('case link sent');
    const csrf = PageClient.hiddenField(casePage, '_csrf');
    const version = PageClient.hiddenField(casePage, 'version');
    const noReason = await agent.post(`${casePath}/decision`, {
      _csrf: csrf,
      version,
      decision: 'reject',
      reason: '',
    });
    expect(noReason.headers.get('location')).toBe(`${casePath}?outcome=reason_missing#main`);
    const shown = await (await agent.get(`${casePath}?outcome=reason_missing`)).text();
    expect(shown).toContain('id="field-reason-error"');
    expect((await requesterStatus(service, link)).body.status).toBe('awaiting_review');

    const rejected = await agent.post(`${casePath}/decision`, {
      _csrf: csrf,
      version,
      decision: 'reject',
      reason: 'The code was entered by someone outside the company.',
    });
    expect(rejected.headers.get('location')).toBe(`${casePath}?outcome=rejected#main`);
    expect((await requesterStatus(service, link)).body.status).toBe('rejected');
  });

  it('never sends a signed-in person to another site after signing in', async () => {
    const staff = await newStaff(db);
    const client = new PageClient(service.baseUrl);
    const page = await (await client.get('/console/sign-in?next=https://evil.example/')).text();
    expect(page).not.toContain('evil.example');
    const answer = await client.post('/console/sign-in', {
      _csrf: PageClient.hiddenField(page, '_csrf'),
      email: staff.email,
      password: staff.password,
      next: '//evil.example/console',
    });
    expect(answer.headers.get('location')).toBe('/console/cases');
    const [session] = answer.headers.getSetCookie().filter((c) => c.startsWith('staff_session='));
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
  });

  it('renders every page with at most one call to the API', async () => {
    const { organisations } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }, { role: 'user' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ kvkNumber: organisations[0]?.kvkNumber }),
    );
    const manager = await signedIn('manager');
    const calls = jest.spyOn(service.api.get(InProcessApi), 'call');
    try {
      const pages: [PageClient, string, number][] = [
        [new PageClient(service.baseUrl), '/recover', 200],
        [new PageClient(service.baseUrl), `/recover/${link.reference}?token=${link.token}`, 200],
        [new PageClient(service.baseUrl), `/objections/${'x'.repeat(43)}`, 404],
        [manager, '/console/cases', 200],
        [manager, `/console/cases/${link.reference}`, 200],
        [manager, '/console/dashboard', 200],
        [manager, '/console/environments-at-risk', 200],
      ];
      for (const [client, path, status] of pages) {
        calls.mockClear();
        const answer = await client.get(path);
        expect([path, answer.status]).toEqual([path, status]);
        expect([path, calls.mock.calls.length <= 1]).toEqual([path, true]);
      }
    } finally {
      calls.mockRestore();
    }
  });
});
