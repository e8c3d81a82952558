import { objectionReceivedMail } from './objection-received.mail';

describe(objectionReceivedMail.name, () => {
  const input = { requesterName: 'Bram Jansen', reference: 'RC-7KQ4-M2XD' };

  it('says an objection sends the case back to a support agent', () => {
    const mail = objectionReceivedMail(input);
    expect(mail.subject).toBe('Your eConnect recovery request RC-7KQ4-M2XD is back with a support agent');
    expect(mail.text).toContain('Dear Bram Jansen,');
    expect(mail.text).toContain('objected');
    expect(mail.text).toContain('goes back to a support agent');
    expect(mail.text.trimEnd().endsWith('eConnect Support')).toBe(true);
  });

  it('escapes the requester name in the HTML part', () => {
    const mail = objectionReceivedMail({ ...input, requesterName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
