import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { accessLinkIn } from '../../tools/mail-catcher/mail-contents';

/** Reads the access link out of the requester's mail, as a person would follow it. */
export function accessLinkFrom(mail: CapturedMail): { url: string; reference: string; token: string } {
  const link = accessLinkIn(mail);
  if (!link) throw new Error(`no access link in the mail "${mail.subject}"`);
  return link;
}
