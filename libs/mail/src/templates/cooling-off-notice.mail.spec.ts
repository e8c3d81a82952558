import { coolingOffNoticeMail } from './cooling-off-notice.mail';

describe(coolingOffNoticeMail.name, () => {
  const input = {
    language: 'en' as const,
    environmentName: 'Acme',
    requesterName: 'Bram Jansen',
    requesterEmail: 'bram@example.com',
    reference: 'RC-7KQ4-M2XD',
    appointAt: new Date('2026-06-02T12:30:00Z'),
    objectionLink: 'https://recovery.example/objections/obj_TOKEN-123',
  };

  it('says who becomes administrator of what, and when', () => {
    const mail = coolingOffNoticeMail(input);
    expect(mail.subject).toBe('Planned: a new administrator for Acme on eConnect');
    expect(mail.text).toContain(
      'Bram Jansen (bram@example.com) will become administrator of "Acme" on 2 June 2026 14:30 (Amsterdam time), unless someone objects before then.',
    );
    expect(mail.text).toContain('case RC-7KQ4-M2XD');
    expect(mail.text).toContain('If all is well, you do not need to do anything.');
  });

  it('says it in Dutch, with the date as the Dutch write it', () => {
    const mail = coolingOffNoticeMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Gepland: een nieuwe beheerder voor Acme op eConnect');
    expect(mail.text.startsWith('Geachte heer/mevrouw,\n')).toBe(true);
    expect(mail.text).toContain(
      'Bram Jansen (bram@example.com) wordt op dinsdag 2 juni 2026 om 14:30 beheerder van "Acme", tenzij iemand vóór dat moment bezwaar maakt.',
    );
    expect(mail.text).toContain('(kenmerk RC-7KQ4-M2XD)');
    expect(mail.text).toContain('Is alles in orde? Dan hoeft u niets te doen.');
  });

  it.each(['en', 'nl'] as const)('puts the objection link on a line of its own (%s)', (language) => {
    const mail = coolingOffNoticeMail({ ...input, language });
    expect(mail.text.split('\n')).toContain(input.objectionLink);
    expect(mail.html).toContain(`href="${input.objectionLink}"`);
  });

  it.each(['en', 'nl'] as const)(
    'keeps what the requester typed out of the subject and escapes it in the HTML part (%s)',
    (language) => {
      const mail = coolingOffNoticeMail({ ...input, language, requesterName: '<script>alert(1)</script>' });
      expect(mail.subject).not.toContain('script');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    },
  );
});
