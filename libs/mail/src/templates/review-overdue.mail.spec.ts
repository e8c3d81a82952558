import { reviewOverdueMail } from './review-overdue.mail';

describe(reviewOverdueMail.name, () => {
  const input = {
    language: 'en' as const,
    reference: 'RC-7KQ4-M2XD',
    companyName: 'Acme B.V.',
    waitingSince: new Date('2026-11-27T15:00:00Z'),
    dueAt: new Date('2026-11-30T15:00:00Z'),
    caseUrl: 'https://recovery.example/console/cases/RC-7KQ4-M2XD',
  };

  it('names the case, the company, and when it waited since and was due', () => {
    const mail = reviewOverdueMail(input);
    expect(mail.subject).toBe('Review overdue: case RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain('waiting for review since 27 November 2026 16:00 (Amsterdam time)');
    expect(mail.text).toContain('decided by 30 November 2026 16:00 (Amsterdam time)');
    expect(mail.text.split('\n')).toContain(input.caseUrl);
    expect(mail.html).toContain(`href="${input.caseUrl}"`);
  });

  it('names them in Dutch for a Dutch case, with the dates as the Dutch write them', () => {
    const mail = reviewOverdueMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Beoordeling te laat: aanvraag RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain(
      'Aanvraag RC-7KQ4-M2XD voor "Acme B.V." wacht sinds vrijdag 27 november 2026 om 16:00 op beoordeling.',
    );
    expect(mail.text).toContain('uiterlijk maandag 30 november 2026 om 16:00 een besluit');
    expect(mail.text.split('\n')).toContain(input.caseUrl);
    expect(mail.html).toContain(`href="${input.caseUrl}"`);
  });

  it.each(['en', 'nl'] as const)('escapes the company name in the HTML part (%s)', (language) => {
    const mail = reviewOverdueMail({ ...input, language, companyName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
