import type { CapturedMail } from './captured-mail';

export interface AccessLinkInMail {
  url: string;
  reference: string;
  token: string;
}

/** The access link of a requester's mail (`PUBLIC_BASE_URL/recover/<reference>?token=<token>`), if it has one. */
export function accessLinkIn(mail: CapturedMail): AccessLinkInMail | undefined {
  const found = /\S+\/recover\/RC-[A-Z0-9-]+\?token=\S+/.exec(mail.text)?.[0];
  if (found === undefined) return undefined;
  try {
    const url = new URL(found);
    const token = url.searchParams.get('token');
    return token ? { url: url.toString(), reference: url.pathname.split('/').pop() ?? '', token } : undefined;
  } catch {
    return undefined;
  }
}

/** The 8-digit code that stands on a line of its own in an email-code mail, if it has one. */
export function codeIn(mail: CapturedMail): string | undefined {
  return mail.text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /^\d{8}$/.test(line));
}

/** The token of the objection link in a cooling-off notice (`PUBLIC_BASE_URL/objections/<token>`), if any. */
export function objectionTokenIn(mail: Pick<CapturedMail, 'text'>): string | undefined {
  return /\/objections\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
}
