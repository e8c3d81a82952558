import { administratorAppointedNoticeMail } from './administrator-appointed-notice.mail';

describe(administratorAppointedNoticeMail.name, () => {
  const input = {
    language: 'en' as const,
    environmentName: 'Acme',
    requesterName: 'Bram Jansen',
    requesterEmail: 'bram@example.com',
    reference: 'RC-7KQ4-M2XD',
  };

  it('tells the users who was appointed, and why', () => {
    const mail = administratorAppointedNoticeMail(input);
    expect(mail.subject).toBe('New administrator appointed for Acme on eConnect');
    expect(mail.text).toContain(
      'Bram Jansen (bram@example.com) is now administrator of the eConnect environment "Acme".',
    );
    expect(mail.text).toContain('after a verified recovery request (case RC-7KQ4-M2XD)');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('tells them in Dutch when the case is Dutch', () => {
    const mail = administratorAppointedNoticeMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Nieuwe beheerder aangesteld voor Acme op eConnect');
    expect(mail.text.startsWith('Geachte heer/mevrouw,\n')).toBe(true);
    expect(mail.text).toContain(
      'Bram Jansen (bram@example.com) is nu beheerder van de eConnect-omgeving "Acme".',
    );
    expect(mail.text).toContain('na een geverifieerde aanvraag (kenmerk RC-7KQ4-M2XD)');
    expect(mail.text).toContain('Had u dit niet verwacht?');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it.each(['en', 'nl'] as const)(
    'keeps what the requester typed out of the subject and escapes it in the HTML part (%s)',
    (language) => {
      const mail = administratorAppointedNoticeMail({
        ...input,
        language,
        requesterName: '<script>alert(1)</script>',
      });
      expect(mail.subject).not.toContain('script');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    },
  );
});
