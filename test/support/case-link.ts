import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';

/** Reads the case link out of the requester's mail, as a person would follow it. */
export function caseLinkFrom(mail: CapturedMail): { url: string; reference: string; token: string } {
  const line = mail.text.split('\n').find((l) => /\/recover\/RC-[^?\s]+\?token=/.test(l.trim()));
  if (!line) throw new Error(`no case link in the mail "${mail.subject}"`);
  const url = new URL(line.trim());
  const reference = url.pathname.split('/').pop() ?? '';
  return { url: url.toString(), reference, token: url.searchParams.get('token') ?? '' };
}
