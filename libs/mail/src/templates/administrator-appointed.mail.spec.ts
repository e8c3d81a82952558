import { administratorAppointedMail } from './administrator-appointed.mail';

describe(administratorAppointedMail.name, () => {
  const input = {
    requesterName: 'Bram Jansen',
    environmentName: 'Acme',
    organisationNames: ['Acme B.V.', 'Acme Holding B.V.'],
    newLogin: true,
  };

  it('names the environment and lists the organisations', () => {
    const mail = administratorAppointedMail(input);
    expect(mail.subject).toBe('You are now administrator of Acme on eConnect');
    expect(mail.text).toContain('you are now administrator of the eConnect environment "Acme".');
    expect(mail.text).toContain('- Acme B.V.\n- Acme Holding B.V.');
    expect(mail.html).toContain('• Acme B.V.<br>• Acme Holding B.V.');
  });

  it('mentions the invitation only for a new login', () => {
    expect(administratorAppointedMail(input).text).toContain(
      'You will receive a separate invitation to set up your login',
    );
    const existing = administratorAppointedMail({ ...input, newLogin: false }).text;
    expect(existing).not.toContain('invitation');
    expect(existing).toContain('Sign in with your existing eConnect login');
  });

  it('says so when no organisation was linked', () => {
    const mail = administratorAppointedMail({ ...input, organisationNames: [] });
    expect(mail.text).toContain('You are not yet administrator of any of its organisations');
    expect(mail.text).not.toContain('\n- ');
  });

  it('escapes names in the HTML part', () => {
    const mail = administratorAppointedMail({
      ...input,
      requesterName: '<script>alert(1)</script>',
      organisationNames: ['<b>Evil</b> B.V.'],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;b&gt;Evil&lt;/b&gt; B.V.');
  });
});
