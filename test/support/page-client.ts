/** A browser-like client for the HTML pages: keeps its cookies, does not follow redirects. */
export class PageClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** A client signed in to the console as `staff`, through the sign-in form as a browser would. */
  static async signedIn(baseUrl: string, staff: { email: string; password: string }): Promise<PageClient> {
    const client = new PageClient(baseUrl);
    const page = await (await client.get('/console/sign-in')).text();
    const answer = await client.post('/console/sign-in', {
      _csrf: PageClient.hiddenField(page, '_csrf'),
      email: staff.email,
      password: staff.password,
    });
    if (answer.status !== 303) throw new Error(`the console's sign-in answered ${answer.status}`);
    return client;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** Posts an HTML form (application/x-www-form-urlencoded). */
  async post(
    path: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      for (const one of ([] as string[]).concat(value)) body.append(name, one);
    }
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.toString(),
    });
  }

  /** The value of a hidden field of the last page read, by name. */
  static hiddenField(page: string, name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
    if (!match?.[1]) throw new Error(`no hidden field ${name} on the page`);
    return match[1];
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets a cookie as a response would have (a page this browser opened without sending its cookies). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    return response;
  }
}
