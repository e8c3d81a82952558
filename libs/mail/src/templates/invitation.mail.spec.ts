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
  });

  it('escapes names in the HTML part', () => {
    const mail = invitationMail({ ...input, environmentName: '<b>Acme</b>' });
    expect(mail.html).not.toContain('<b>Acme</b>');
    expect(mail.html).toContain('&lt;b&gt;Acme&lt;/b&gt;');
  });
});
