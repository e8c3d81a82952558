import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { caseLinkIn } from '../../tools/mail-catcher/mail-contents';

/** Reads the case link out of the requester's mail, as a person would follow it. */
export function caseLinkFrom(mail: CapturedMail): { url: string; reference: string; token: string } {
  const link = caseLinkIn(mail);
  if (!link) throw new Error(`no case link in the mail "${mail.subject}"`);
  return link;
}
