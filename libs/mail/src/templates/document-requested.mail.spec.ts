import { documentRequestedMail } from './document-requested.mail';

describe(documentRequestedMail.name, () => {
  const input = {
    requesterName: 'Bram Jansen',
    reference: 'RC-7KQ4-M2XD',
    reason: 'The extract is from 2019.\nPlease upload one from this month.',
  };

  it('asks for a new document and quotes the agent', () => {
    const mail = documentRequestedMail(input);
    expect(mail.subject).toBe('Please upload a new document for case RC-7KQ4-M2XD');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('> The extract is from 2019.\n> Please upload one from this month.');
    expect(mail.html).toContain('The extract is from 2019.<br>Please upload one from this month.');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('escapes the name and the reason in the HTML part', () => {
    const mail = documentRequestedMail({
      ...input,
      requesterName: '<script>alert(1)</script>',
      reason: '<img src=x onerror=alert(1)>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
