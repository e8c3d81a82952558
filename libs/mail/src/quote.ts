import { escapeHtml } from './html';

/** Someone's own words in the text part: each line behind `> `, as mail clients quote. */
export function quoteText(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

/** Someone's own words in the HTML part: escaped, line breaks kept, set off by a bar on the left. */
export function quoteHtml(text: string): string {
  const lines = text.trim().split(/\r?\n/).map(escapeHtml).join('<br>');
  return `<span style="display:block;border-left:3px solid #c5cad3;padding-left:12px;color:#4a5263">${lines}</span>`;
}
