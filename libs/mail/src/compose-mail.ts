import escapeHtml from 'escape-html';
import type { MailContent } from './outgoing-mail';

/** Words in a line: plain, or bold in the HTML part; `quoted` also sets them in double quotes in the text part. */
type Inline = string | { readonly strong: string; readonly quoted?: true };

/**
 * A part of a paragraph. A line (words, or a list of them run together) is a line of its own in the text part
 * and runs on after the line before in the HTML part. The others stand on lines of their own in both:
 * - `url`: an http(s) link, an <a> in the HTML part;
 * - `quote`: someone's own words, each line behind `> ` in the text part, set off by a bar in the HTML part;
 * - `code`: a one-time code, alone on its line, large in the HTML part;
 * - `list`: one item a line, behind `- ` in the text part and `• ` in the HTML part; no items, no lines.
 */
export type Block =
  | Inline
  | readonly Inline[]
  | { readonly url: string }
  | { readonly quote: string }
  | { readonly code: string }
  | { readonly list: readonly string[] };

export interface MailDescription {
  subject: string;
  /** `Hello,` or `Dear <name>,`: the first paragraph. */
  greeting: string;
  /** Each paragraph a list of blocks; a blank line (the text part) or a <p> (the HTML part) each. */
  paragraphs: readonly (readonly Block[])[];
}

/** Every mail is signed the same way. */
const SIGNATURE = 'eConnect Support';

/** A value never breaks its line in the text part, so it cannot put a line of its own (a code, a link) there. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]\s*/g, ' ');
}

function standalone(value: string, what: string): string {
  if (!/^\S+$/.test(value)) throw new RangeError(`a ${what} is one word, to stand alone on its line`);
  return value;
}

interface Rendered {
  text: readonly string[];
  html: string;
  /** Runs on after another line in the HTML part, rather than after a line break. */
  runsOn: boolean;
}

function renderInline(part: Inline): { text: string; html: string } {
  if (typeof part === 'string') return { text: oneLine(part), html: escapeHtml(oneLine(part)) };
  const value = oneLine(part.strong);
  return { text: part.quoted ? `"${value}"` : value, html: `<strong>${escapeHtml(value)}</strong>` };
}

function renderLine(parts: readonly Inline[]): Rendered {
  const rendered = parts.map(renderInline);
  return {
    text: [rendered.map((p) => p.text).join('')],
    html: rendered.map((p) => p.html).join(''),
    runsOn: true,
  };
}

function renderBlock(block: Block): Rendered {
  if (typeof block === 'string') return renderLine([block]);
  if ('url' in block) {
    const url = standalone(block.url, 'link');
    if (!/^https?:\/\//i.test(url)) throw new RangeError('a link is an http(s) URL');
    return { text: [url], html: `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`, runsOn: false };
  }
  if ('quote' in block) {
    const lines = block.quote.trim().split(/\r\n?|\n/);
    return {
      text: lines.map((line) => `> ${line}`.trimEnd()),
      html: `<span style="display:block;border-left:3px solid #c5cad3;padding-left:12px;color:#4a5263">${lines.map(escapeHtml).join('<br>')}</span>`,
      runsOn: false,
    };
  }
  if ('code' in block) {
    const code = standalone(block.code, 'code');
    const style = 'font-family:monospace;font-size:24px;letter-spacing:4px';
    return { text: [code], html: `<strong style="${style}">${escapeHtml(code)}</strong>`, runsOn: false };
  }
  if ('list' in block) {
    const items = block.list.map(oneLine);
    return {
      text: items.map((item) => `- ${item}`),
      html: items.map((item) => `• ${escapeHtml(item)}`).join('<br>'),
      runsOn: false,
    };
  }
  return renderLine('strong' in block ? [block] : block);
}

function paragraphHtml(blocks: readonly Rendered[]): string {
  let html = '';
  let previous: Rendered | undefined;
  for (const block of blocks) {
    if (previous) html += previous.runsOn && block.runsOn ? ' ' : '<br>';
    html += block.html;
    previous = block;
  }
  return `<p style="margin:0 0 16px">${html}</p>`;
}

/**
 * The subject, text and HTML part of a mail from one description of its paragraphs, between the greeting and
 * the signature. Every value is escaped here for the HTML part: a template hands over plain text only.
 */
export function composeMail({ subject, greeting, paragraphs }: MailDescription): MailContent {
  const rendered = [[greeting], ...paragraphs, [SIGNATURE]]
    .map((paragraph) => paragraph.map(renderBlock).filter((block) => block.text.length > 0))
    .filter((paragraph) => paragraph.length > 0);
  const text = rendered.map((paragraph) => paragraph.flatMap((block) => block.text).join('\n')).join('\n\n');
  const body = rendered.map(paragraphHtml).join('\n');
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1d2433">\n${body}\n</body></html>`;
  return { subject: oneLine(subject), text, html };
}
