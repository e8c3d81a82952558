import { attentionNeededMail } from './attention-needed.mail';

describe(attentionNeededMail.name, () => {
  const input = {
    language: 'en' as const,
    reference: 'RC-7KQ4-M2XD',
    companyName: 'Acme B.V.',
    step: 'appointAdministrator',
    reason: 'not_found',
    caseUrl: 'https://recovery.example/console/cases/RC-7KQ4-M2XD',
    caseOpen: true,
  };

  it('names the case, the company, the step and the reason in words, and links to the console', () => {
    const mail = attentionNeededMail(input);
    expect(mail.subject).toBe('Needs attention: case RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain(
      'Case RC-7KQ4-M2XD for "Acme B.V." stopped at the step "appoint administrator".',
    );
    expect(mail.text).toContain('trying again will not mend: "not found".');
    expect(mail.text).toContain('waits in "needs attention"');
    expect(mail.text).toContain('retry the step');
    expect(mail.text).toContain('close the case');
    expect(mail.text.split('\n')).toContain(input.caseUrl);
    expect(mail.html).toContain(`href="${input.caseUrl}"`);
    expect(mail.text).toContain('once for this failure');
  });

  it('says the case does not wait on the step when it had ended or went on', () => {
    const mail = attentionNeededMail({ ...input, step: 'sendCoolingOffNotices', caseOpen: false });
    expect(mail.subject).toBe('Step failed: case RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain(
      'In case RC-7KQ4-M2XD for "Acme B.V.", a step failed: "send cooling off notices"',
    );
    expect(mail.text).not.toContain('stopped');
    expect(mail.text).toContain(
      'The case does not wait on this step: it had finished, or it went on without it.',
    );
    expect(mail.text).toContain('recorded on its trail for follow-up');
    expect(mail.text).not.toContain('needs attention');
    expect(mail.text.split('\n')).toContain(input.caseUrl);
  });

  it('says it in Dutch for a Dutch case', () => {
    const mail = attentionNeededMail({ ...input, language: 'nl' });
    expect(mail.subject).toBe('Actie nodig: aanvraag RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain('Beste collega,');
    expect(mail.text).toContain(
      'Aanvraag RC-7KQ4-M2XD voor "Acme B.V." is gestopt bij de stap "appoint administrator".',
    );
    expect(mail.text).toContain('opnieuw te proberen: "not found".');
    expect(mail.text).toContain('wacht nu in de status "needs attention"');
    expect(mail.text.split('\n')).toContain(input.caseUrl);
    expect(mail.html).toContain(`href="${input.caseUrl}"`);
  });

  it('says in Dutch that the case does not wait on the step', () => {
    const mail = attentionNeededMail({ ...input, language: 'nl', caseOpen: false });
    expect(mail.subject).toBe('Stap mislukt: aanvraag RC-7KQ4-M2XD (Acme B.V.)');
    expect(mail.text).toContain(
      'In aanvraag RC-7KQ4-M2XD voor "Acme B.V." is een stap mislukt: "appoint administrator"',
    );
    expect(mail.text).toContain('De aanvraag wacht niet op deze stap');
    expect(mail.text).not.toContain('needs attention');
  });

  it.each(['en', 'nl'] as const)('escapes the company name in the HTML part (%s)', (language) => {
    const mail = attentionNeededMail({ ...input, language, companyName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
