import { caseRejectedMail } from './case-rejected.mail';

describe(caseRejectedMail.name, () => {
  const input = {
    language: 'en' as const,
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'You are not listed as an officer of Acme B.V.',
  };

  it('says the request was not approved and quotes the reason', () => {
    const mail = caseRejectedMail(input);
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD was not approved');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text.split('\n')).toContain('> You are not listed as an officer of Acme B.V.');
    expect(mail.text).toContain('This case is now closed');
    expect(mail.html).toContain('You are not listed as an officer of Acme B.V.');
  });

  it('says it in Dutch, quoting the reason as the agent wrote it', () => {
    const mail = caseRejectedMail({
      ...input,
      language: 'nl',
      reason: 'U staat niet als functionaris vermeld.',
    });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD is niet goedgekeurd');
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain('(kenmerk RC-7KQ4-M2XD) beoordeeld en kon deze helaas niet goedkeuren');
    expect(mail.text.split('\n')).toContain('> U staat niet als functionaris vermeld.');
    expect(mail.text).toContain('Deze aanvraag is nu afgesloten');
    expect(mail.html).toContain('U staat niet als functionaris vermeld.');
  });

  it.each(['en', 'nl'] as const)('escapes the name and the reason in the HTML part (%s)', (language) => {
    const mail = caseRejectedMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      reason: 'a < b & "c"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});
