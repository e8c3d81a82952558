import { invitationMail } from './invitation.mail';

describe(invitationMail.name, () => {
  const input = {
    language: 'en' as const,
    inviteeName: 'Bram',
    inviteeEmail: 'bram@acme.example',
    inviterName: 'Anna de Vries',
    environmentName: 'Acme',
    role: 'user' as const,
  };

  it('names the inviter, the environment and the role', () => {
    const mail = invitationMail(input);
    expect(mail.subject).toBe('You are invited to Acme on eConnect');
    expect(mail.text).toContain('Anna de Vries invited you to the eConnect environment "Acme" as a user.');
    expect(invitationMail({ ...input, role: 'administrator' }).text).toContain('as an administrator');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('names them in Dutch', () => {
    const mail = invitationMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('U bent uitgenodigd voor Acme op eConnect');
    expect(mail.text.startsWith('Beste Bram,\n')).toBe(true);
    expect(mail.text).toContain(
      'Anna de Vries heeft u uitgenodigd voor de eConnect-omgeving "Acme" als gebruiker.',
    );
    expect(invitationMail({ ...input, language: 'nl', role: 'administrator' }).text).toContain(
      '"Acme" als beheerder.',
    );
    expect(mail.text).toContain('logt u bij eConnect in met dit adres (bram@acme.example)');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it.each(['en', 'nl'] as const)('escapes names in the HTML part (%s)', (language) => {
    const mail = invitationMail({ ...input, language, environmentName: '<b>Acme</b>' });
    expect(mail.html).not.toContain('<b>Acme</b>');
    expect(mail.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    const hostile = invitationMail({ ...input, language, inviterName: '<script>alert(1)</script>' });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
