import { caseClosedMail } from './case-closed.mail';

describe(caseClosedMail.name, () => {
  const input = { requesterName: 'Bram Jansen', reference: 'RC-7KQ4-M2XD' };

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

  it('escapes the requester name in the HTML part', () => {
    const mail = caseClosedMail({ ...input, requesterName: '<script>alert(1)</script>', outcome: 'expired' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
