import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import type { CapturedMail } from './captured-mail';
import type { MailCatcher } from './mail-catcher';

export interface MailCatcherWebOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
}

export interface MailCatcherWeb {
  url: string;
  stop(): Promise<void>;
}

const REFRESH_SECONDS = 5;

// Mail content is untrusted: no scripts anywhere, and the HTML part only inside a sandboxed iframe.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
  'x-content-type-options': 'nosniff',
  // Mails carry one-time links with tokens; following one must not leak the inbox URL, nor vice versa.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Serves a read-only web inbox for `catcher`: `/`, `/mails/:id` and `/api/mails`. */
export async function startMailCatcherWeb(
  catcher: MailCatcher,
  options: MailCatcherWebOptions = {},
): Promise<MailCatcherWeb> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => handle(catcher, request, response));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('Mail inbox has no TCP address'));
      else resolve(address.port);
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      })),
  };
}

function handle(catcher: MailCatcher, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain', 'Method not allowed');
    return;
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const newestFirst = [...catcher.mails].reverse();
  if (path === '/') {
    send(response, 200, 'text/html', inboxPage(newestFirst, catcher));
    return;
  }
  if (path === '/api/mails') {
    send(response, 200, 'application/json', JSON.stringify(newestFirst, null, 2));
    return;
  }
  const detail = /^\/(api\/)?mails\/(\d+)$/.exec(path);
  const mail = detail ? newestFirst.find((m) => m.id === Number(detail[2])) : undefined;
  if (detail && mail !== undefined) {
    if (detail[1] !== undefined) send(response, 200, 'application/json', JSON.stringify(mail, null, 2));
    else send(response, 200, 'text/html', mailPage(mail));
    return;
  }
  send(
    response,
    404,
    'text/html',
    page('Not found', '<p>No such page or mail. <a href="/">Back to the inbox</a></p>'),
  );
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': `${type}; charset=utf-8` });
  response.end(body);
}

function inboxPage(mails: readonly CapturedMail[], catcher: MailCatcher): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(formatTime(m.receivedAt))}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/mails/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('\n');
  const table =
    mails.length === 0
      ? '<p>No mail yet.</p>'
      : `<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
  return page(
    `Inbox (${mails.length})`,
    `<p class="meta">SMTP ${escapeHtml(catcher.smtpUrl)} · ${mails.length} mail(s) · refreshes every ` +
      `${REFRESH_SECONDS} s · <a href="/api/mails">JSON</a></p>\n${table}`,
    `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`,
  );
}

function mailPage(mail: CapturedMail): string {
  const summary: [string, string][] = [
    ['From', mail.from],
    ['To (envelope)', mail.to.join(', ')],
    ['Received (UTC)', formatTime(mail.receivedAt)],
    ['Message-ID', mail.messageId ?? ''],
  ];
  const headerRows = Object.entries(mail.headers)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const html =
    mail.html === undefined
      ? ''
      : `<h2>HTML part</h2>\n<iframe sandbox srcdoc="${escapeHtml(mail.html)}" title="HTML part"></iframe>\n`;
  return page(
    mail.subject || '(no subject)',
    `<p><a href="/">&larr; Inbox</a> · <a href="/api/mails/${mail.id}">JSON</a></p>\n` +
      `<table>${summary.map(([k, v]) => `<tr><th>${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>\n` +
      `<h2>Text</h2>\n<pre>${linkify(mail.text)}</pre>\n${html}` +
      `<h2>Headers</h2>\n<table class="headers">${headerRows}</table>`,
  );
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${head}
<title>${escapeHtml(title)} · Mail catcher</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
.headers td, pre { font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; word-break: break-all; }
pre { background: #f6f6f6; padding: 1rem; }
iframe { width: 100%; height: 30rem; border: 1px solid #ccc; }
.meta { color: #666; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and for quoted attribute values (including srcdoc). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Escapes `text` and turns http(s) URLs into links; other schemes (javascript:) stay plain text. */
function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    // Sentence punctuation right after a URL is almost never part of it.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}" rel="noreferrer noopener" target="_blank">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

function formatTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
