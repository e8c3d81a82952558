import { invitationMail } from './invitation.mail';

describe(invitationMail.name, () => {
  const input = {
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

  it('escapes names in the HTML part', () => {
    const mail = invitationMail({ ...input, environmentName: '<b>Acme</b>' });
    expect(mail.html).not.toContain('<b>Acme</b>');
    expect(mail.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
    const hostile = invitationMail({ ...input, inviterName: '<script>alert(1)</script>' });
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
