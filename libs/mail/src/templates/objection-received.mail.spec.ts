import { objectionReceivedMail } from './objection-received.mail';

describe(objectionReceivedMail.name, () => {
  const input = { language: 'en' as const, requesterName: 'Bram Jansen', reference: 'RC-7KQ4-M2XD' };

  it('says an objection sends the case back to a support agent', () => {
    const mail = objectionReceivedMail(input);
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD is back with a support agent');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('objected');
    expect(mail.text).toContain('goes back to a support agent');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('says it in Dutch', () => {
    const mail = objectionReceivedMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD ligt weer bij een medewerker van support');
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain(
      'heeft bezwaar gemaakt tegen uw aanstelling als beheerder (kenmerk RC-7KQ4-M2XD)',
    );
    expect(mail.text).toContain('gaat daarom terug naar een medewerker van support');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it.each(['en', 'nl'] as const)('escapes the requester name in the HTML part (%s)', (language) => {
    const mail = objectionReceivedMail({ ...input, language, requesterName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
