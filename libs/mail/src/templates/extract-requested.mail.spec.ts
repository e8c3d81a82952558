import { extractRequestedMail } from './extract-requested.mail';

describe(extractRequestedMail.name, () => {
  const input = {
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'no_known_address' as const,
  };

  it('asks for an extract on the case page', () => {
    const mail = extractRequestedMail(input);
    expect(mail.subject).toBe('Please upload a Chamber of Commerce extract for case RC-7KQ4-M2XD');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('we cannot verify you by email');
    expect(mail.text).toContain('uittreksel Handelsregister');
    expect(mail.text).toContain('PDF');
    expect(mail.text).toContain('the link from our first mail');
  });

  it('says what an extract is and where to order it', () => {
    const mail = extractRequestedMail(input);
    expect(mail.text).toContain('official record of a company in the Dutch trade register');
    expect(mail.text.split('\n')).toContain('https://www.kvk.nl');
    expect(mail.html).toContain('href="https://www.kvk.nl"');
  });

  it('escapes the requester name in the HTML part', () => {
    const mail = extractRequestedMail({ ...input, requesterName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
