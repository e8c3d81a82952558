import { extractRequestedMail } from './extract-requested.mail';

describe(extractRequestedMail.name, () => {
  const input = {
    language: 'en' as const,
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'no_known_address' as const,
  };
  const dutch = { ...input, language: 'nl' as const };

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
    expect(mail.text).toContain(
      'an official copy of what the Dutch trade register (Handelsregister) holds about a company',
    );
    expect(mail.text.split('\n')).toContain('https://www.kvk.nl');
    expect(mail.html).toContain('href="https://www.kvk.nl"');
  });

  it('asks for an extract in Dutch, saying what it is and where to order it', () => {
    const mail = extractRequestedMail(dutch);
    expect(mail.subject).toBe(
      'Verzoek om een uittreksel van de Kamer van Koophandel voor aanvraag RC-7KQ4-M2XD',
    );
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain(
      'Voor uw aanvraag (kenmerk RC-7KQ4-M2XD) kunnen wij u niet per e-mail verifiëren.',
    );
    expect(mail.text).toContain(
      '"uittreksel Handelsregister", als PDF-bestand uploaden op de pagina van uw aanvraag?',
    );
    expect(mail.text).toContain('de link uit onze eerste e-mail');
    expect(mail.text).toContain(
      'een officieel afschrift van de inschrijving van een onderneming in het Handelsregister',
    );
    expect(mail.text.split('\n')).toContain('https://www.kvk.nl');
    expect(mail.html).toContain('href="https://www.kvk.nl"');
  });

  it.each(['en', 'nl'] as const)('escapes the requester name in the HTML part (%s)', (language) => {
    const mail = extractRequestedMail({ ...input, language, requesterName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
