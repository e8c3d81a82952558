import { caseLinkMail } from './case-link.mail';

describe(caseLinkMail.name, () => {
  const link = 'https://recovery.example/recover/RC-7KQ4-M2XD?token=abc_DEF-123';

  it('puts the link on a line of its own in the text', () => {
    const mail = caseLinkMail({ requesterName: 'Anna', reference: 'RC-7KQ4-M2XD', link });
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.subject).toContain('RC-7KQ4-M2XD');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain('press "Confirm"');
    expect(mail.html).toContain('press &quot;Confirm&quot;');
  });

  it('escapes what the requester typed in the HTML part', () => {
    const mail = caseLinkMail({ requesterName: '<script>x</script>', reference: 'RC-7KQ4-M2XD', link });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
