import { caseClosedMail } from './case-closed.mail';

describe(caseClosedMail.name, () => {
  const input = { language: 'en' as const, requesterName: 'Bram Jansen', reference: 'RC-7KQ4-M2XD' };
  const dutch = { ...input, language: 'nl' as const };

  it('confirms a cancelled case', () => {
    const mail = caseClosedMail({ ...input, outcome: 'cancelled' });
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD is cancelled');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('(case RC-7KQ4-M2XD) is cancelled.');
    expect(mail.text).toContain('Nothing has changed');
  });

  it('explains an expired case', () => {
    const mail = caseClosedMail({ ...input, outcome: 'expired' });
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD has expired');
    expect(mail.text).toContain('waited too long for the next step');
    expect(mail.text).toContain('submit a new request');
  });

  it('confirms a cancelled (withdrawn) case in Dutch', () => {
    const mail = caseClosedMail({ ...dutch, outcome: 'cancelled' });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD is ingetrokken');
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain('(kenmerk RC-7KQ4-M2XD) is ingetrokken.');
    expect(mail.text).toContain('Er is in geen enkele eConnect-omgeving iets gewijzigd.');
  });

  it('explains an expired case in Dutch', () => {
    const mail = caseClosedMail({ ...dutch, outcome: 'expired' });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD is verlopen');
    expect(mail.text).toContain('(kenmerk RC-7KQ4-M2XD) is verlopen');
    expect(mail.text).toContain('bleef te lang uit');
    expect(mail.text).toContain('een nieuwe aanvraag indienen');
  });

  it.each(['en', 'nl'] as const)('escapes the requester name in the HTML part (%s)', (language) => {
    const mail = caseClosedMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      outcome: 'expired',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
