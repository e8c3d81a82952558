import { emailCodeMail } from './email-code.mail';

describe(emailCodeMail.name, () => {
  const input = {
    language: 'en' as const,
    reference: 'RC-7KQ4-M2XD',
    code: '04718293',
    requesterName: 'Bram Jansen',
    requesterEmail: 'bram@example.com',
    environmentName: 'Acme',
    expiresAt: new Date('2026-11-30T13:05:00Z'),
    objectionWindow: true,
  };
  const dutch = { ...input, language: 'nl' as const };

  it('names the environment and the case in the subject, but not the code', () => {
    const mail = emailCodeMail(input);
    expect(mail.subject).toBe('Verification code for a new administrator of Acme (case RC-7KQ4-M2XD)');
    expect(mail.subject).not.toContain('04718293');
  });

  it.each(['en', 'nl'] as const)(
    'puts the code on a line of its own in the text, and nowhere else (%s)',
    (language) => {
      const lines = emailCodeMail({ ...input, language }).text.split('\n');
      expect(lines).toContain('04718293');
      expect(lines.filter((line) => line.includes('04718293'))).toEqual(['04718293']);
    },
  );

  it('says who asked, for what, until when, and what to do if it is wrong', () => {
    const { text, html } = emailCodeMail(input);
    expect(text).toContain(
      'Someone who gave the name "Bram Jansen" (as they typed it) and the address bram@example.com asked to become administrator of the eConnect environment "Acme" (case RC-7KQ4-M2XD).',
    );
    expect(text).toContain('the environment is told, with a link to object');
    // Without a cooling-off nobody is told before the appointment: the mail does not say they will be.
    expect(emailCodeMail({ ...input, objectionWindow: false }).text).not.toContain('link to object');
    expect(text).toContain('The code expires on 30 November 2026 14:05 (Amsterdam time).');
    expect(text).toContain('do not share the code');
    expect(text.trimEnd().endsWith('eConnect Support')).toBe(true);
    expect(html).toContain('04718293');
    expect(html).toContain('30 November 2026 14:05 (Amsterdam time)');
  });

  it('says it in Dutch, with the date as the Dutch write it', () => {
    const { subject, text, html } = emailCodeMail(dutch);
    expect(subject).toBe('Verificatiecode voor een nieuwe beheerder van Acme (kenmerk RC-7KQ4-M2XD)');
    expect(subject).not.toContain('04718293');
    expect(text.startsWith('Geachte heer/mevrouw,\n')).toBe(true);
    expect(text).toContain(
      'Iemand die de naam "Bram Jansen" opgaf (zoals die persoon die intypte) en het adres bram@example.com heeft gevraagd beheerder te worden van de eConnect-omgeving "Acme" (kenmerk RC-7KQ4-M2XD).',
    );
    expect(text).toContain('een link om bezwaar te maken');
    expect(text).toContain('De code is geldig tot maandag 30 november 2026 om 14:05.');
    expect(text).toContain('Deel de code dan met niemand');
    expect(text.trimEnd().endsWith('eConnect Support')).toBe(true);
    expect(html).toContain('04718293');
    expect(html).toContain('maandag 30 november 2026 om 14:05');
  });

  it.each(['en', 'nl'] as const)('escapes what the requester typed in the HTML part (%s)', (language) => {
    const mail = emailCodeMail({
      ...input,
      language,
      requesterName: '<script>alert(1)</script>',
      requesterEmail: 'a"b@x.example',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a&quot;b@x.example');
  });

  it.each(['1234567', '123456789', '1234 5678', '12345678\nx'])('refuses the code %p', (code) => {
    expect(() => emailCodeMail({ ...input, code })).toThrow(RangeError);
    expect(() => emailCodeMail({ ...dutch, code })).toThrow(RangeError);
  });

  it.each(['en', 'nl'] as const)(
    'shows a long typed name cut short, so that it cannot fill the mail with its own message (%s)',
    (language) => {
      const requesterName = `Bram ${'Call +31 20 000 0000 now to keep your account. '.repeat(4)}`;
      const { text, html } = emailCodeMail({ ...input, language, requesterName });
      expect(text).not.toContain(requesterName.trim());
      // 59 characters and an ellipsis.
      expect(text).toContain('"Bram Call +31 20 000 0000 now to keep your account. Call +3…"');
      expect(html).not.toContain(requesterName.trim());
    },
  );

  it('keeps a typed name from closing its quotes, and cuts it on whole characters', () => {
    const { text } = emailCodeMail({ ...input, requesterName: 'Bram" and the address ceo@acme.example "x' });
    expect(text).toContain(`"Bram' and the address ceo@acme.example 'x" (as they typed it)`);
    const emoji = emailCodeMail({ ...input, requesterName: '😀'.repeat(70) }).text;
    expect(emoji).toContain(`"${'😀'.repeat(59)}…"`);
  });
});
