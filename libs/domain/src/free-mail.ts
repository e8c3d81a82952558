// Mail services anyone can sign up to, and the consumer mail of internet providers: an address there says
// nothing about who works at a company. The common ones in the Netherlands and Belgium and the large
// international ones; matched on the whole domain (a company's own `mail.acme.nl` is not `mail.com`).
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.nl',
  'hotmail.be',
  'outlook.com',
  'outlook.nl',
  'outlook.be',
  'hotmail.co.uk',
  'live.co.uk',
  'web.de',
  'gmx.nl',
  'fastmail.com',
  'hey.com',
  'live.com',
  'live.nl',
  'live.be',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'yahoo.com',
  'yahoo.nl',
  'ymail.com',
  'aol.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'mail.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'zoho.com',
  'yandex.com',
  'ziggo.nl',
  'kpnmail.nl',
  'kpnplanet.nl',
  'planet.nl',
  'home.nl',
  'xs4all.nl',
  'hetnet.nl',
  'casema.nl',
  'upcmail.nl',
  'chello.nl',
  'quicknet.nl',
  'telfort.nl',
  'tele2.nl',
  'online.nl',
  'caiway.nl',
  'zeelandnet.nl',
  'telenet.be',
  'skynet.be',
  'proximus.be',
]);

/** The part after the last `@`, lower-cased. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Whether the address is at a mail service anyone can sign up to. */
export function isFreeMailAddress(email: string): boolean {
  return FREE_MAIL_DOMAINS.has(domainOf(email));
}
