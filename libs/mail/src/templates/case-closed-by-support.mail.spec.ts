import { caseClosedBySupportMail } from './case-closed-by-support.mail';

describe(caseClosedBySupportMail.name, () => {
  const input = {
    language: 'en' as const,
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'The environment was moved to another provider; we cannot appoint an administrator there.',
  };

  it('says support closed the request, quotes the reason and says nothing changed', () => {
    const mail = caseClosedBySupportMail(input);
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD was closed');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain(
      'eConnect Support closed your request to recover administrator access (case RC-7KQ4-M2XD)',
    );
    expect(mail.text.split('\n')).toContain(`> ${input.reason}`);
    expect(mail.text).toContain('Nothing has changed in any eConnect environment.');
    expect(mail.text).toContain('submit a new request');
    expect(mail.html).toContain(input.reason);
  });

  it('says it in Dutch, quoting the reason as the agent wrote it', () => {
    const mail = caseClosedBySupportMail({
      ...input,
      language: 'nl',
      reason: 'De omgeving is verhuisd naar een andere aanbieder.',
    });
    expect(mail.subject).toBe('Uw eConnect-aanvraag RC-7KQ4-M2XD is afgesloten');
    expect(mail.text).toContain('Beste Bram Jansen,');
    expect(mail.text).toContain('(kenmerk RC-7KQ4-M2XD) afgesloten');
    expect(mail.text.split('\n')).toContain('> De omgeving is verhuisd naar een andere aanbieder.');
    expect(mail.text).toContain('Er is in geen enkele eConnect-omgeving iets gewijzigd.');
    expect(mail.text).toContain('nieuwe aanvraag indienen');
    expect(mail.html).toContain('De omgeving is verhuisd naar een andere aanbieder.');
  });

  it('quotes a reason of several lines line by line', () => {
    const mail = caseClosedBySupportMail({ ...input, reason: 'First line.\nSecond line.' });
    expect(mail.text.split('\n')).toEqual(expect.arrayContaining(['> First line.', '> Second line.']));
  });

  it.each(['en', 'nl'] as const)('escapes the name and the reason in the HTML part (%s)', (language) => {
    const mail = caseClosedBySupportMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      reason: 'a < b & "c"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});
