import { documentRequestedMail } from './document-requested.mail';

describe(documentRequestedMail.name, () => {
  const input = {
    language: 'en' as const,
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'The extract is from 2019.\nPlease upload one from this month.',
  };

  it('asks for a new document and quotes the agent', () => {
    const mail = documentRequestedMail(input);
    expect(mail.subject).toBe('Please upload a new document for case RC-7KQ4-M2XD');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('> The extract is from 2019.\n> Please upload one from this month.');
    expect(mail.html).toContain('The extract is from 2019.<br>Please upload one from this month.');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('asks in Dutch and quotes the agent', () => {
    const mail = documentRequestedMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Verzoek om een nieuw document voor aanvraag RC-7KQ4-M2XD');
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain('vraagt u om een nieuw document. De medewerker schreef:');
    expect(mail.text).toContain('> The extract is from 2019.\n> Please upload one from this month.');
    expect(mail.text).toContain('Wilt u een nieuwe PDF uploaden op de pagina van uw aanvraag?');
    expect(mail.html).toContain('heeft geüpload');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it.each(['en', 'nl'] as const)('escapes the name and the reason in the HTML part (%s)', (language) => {
    const mail = documentRequestedMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      reason: '<img src=x onerror=alert(1)>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
