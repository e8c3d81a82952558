import { accessLinkMail } from './access-link.mail';

describe(accessLinkMail.name, () => {
  const link = 'https://recovery.example/recover/RC-7KQ4-M2XD?token=abc_DEF-123';
  const input = { language: 'en' as const, requesterName: 'Anna', reference: 'RC-7KQ4-M2XD', link };

  it('puts the link on a line of its own in the text', () => {
    const mail = accessLinkMail(input);
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.subject).toContain('RC-7KQ4-M2XD');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('press "Confirm"');
    expect(mail.html).toContain('press &quot;Confirm&quot;');
  });

  it('asks in Dutch to confirm, with the link on a line of its own', () => {
    const mail = accessLinkMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD');
    expect(mail.text.startsWith('Beste Anna,\n')).toBe(true);
    expect(mail.text).toContain(
      'Wij hebben uw aanvraag ontvangen om de beheerderstoegang tot een eConnect-omgeving te herstellen (kenmerk RC-7KQ4-M2XD).',
    );
    expect(mail.text).toContain('klik op "Bevestigen"');
    expect(mail.html).toContain('klik op &quot;Bevestigen&quot;');
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('Houd deze link voor uzelf');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it.each(['en', 'nl'] as const)('escapes what the requester typed in the HTML part (%s)', (language) => {
    const mail = accessLinkMail({ ...input, language, requesterName: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
