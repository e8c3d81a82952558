import { administratorAppointedMail } from './administrator-appointed.mail';

describe(administratorAppointedMail.name, () => {
  const input = {
    language: 'en' as const,
    requesterName: 'Bram Jansen',
    environmentName: 'Acme',
    organisationNames: ['Acme B.V.', 'Acme Holding B.V.'],
    newLogin: true,
  };
  const dutch = { ...input, language: 'nl' as const };

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

  describe('in Dutch', () => {
    it('names the environment and lists the organisations', () => {
      const mail = administratorAppointedMail(dutch);
      expect(mail.subject).toBe('U bent nu beheerder van Acme op eConnect');
      expect(mail.text.startsWith('Beste Bram Jansen,\n')).toBe(true);
      expect(mail.text).toContain(
        'Uw aanvraag is afgerond: u bent nu beheerder van de eConnect-omgeving "Acme".',
      );
      expect(mail.text).toContain(
        'U bent ook beheerder van deze organisaties:\n- Acme B.V.\n- Acme Holding B.V.',
      );
      expect(mail.html).toContain('• Acme B.V.<br>• Acme Holding B.V.');
      expect(mail.text).toContain('ten minste twee beheerders');
    });

    it('mentions the invitation only for a new login', () => {
      expect(administratorAppointedMail(dutch).text).toContain('U ontvangt een aparte uitnodiging');
      const existing = administratorAppointedMail({ ...dutch, newLogin: false }).text;
      expect(existing).not.toContain('uitnodiging');
      expect(existing).toContain('U logt in met uw bestaande eConnect-account');
    });

    it('says so when no organisation was linked', () => {
      const mail = administratorAppointedMail({ ...dutch, organisationNames: [] });
      expect(mail.text).toContain('U bent nog van geen enkele organisatie in deze omgeving beheerder');
      expect(mail.text).not.toContain('\n- ');
    });
  });

  it.each(['en', 'nl'] as const)('escapes names in the HTML part (%s)', (language) => {
    const mail = administratorAppointedMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      organisationNames: ['<b>Evil</b> B.V.'],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;b&gt;Evil&lt;/b&gt; B.V.');
  });
});
