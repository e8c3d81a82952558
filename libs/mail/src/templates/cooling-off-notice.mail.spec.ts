import { coolingOffNoticeMail } from './cooling-off-notice.mail';

describe(coolingOffNoticeMail.name, () => {
  const input = {
    environmentName: 'Acme',
    requesterName: 'Bram Jansen',
    requesterEmail: 'bram@example.com',
    reference: 'RC-7KQ4-M2XD',
    appointAt: new Date('2026-06-02T12:30:00Z'),
    objectionLink: 'https://recovery.example/objections/obj_TOKEN-123',
  };

  it('says who becomes administrator of what, and when', () => {
    const mail = coolingOffNoticeMail(input);
    expect(mail.subject).toBe('Planned: a new administrator for Acme on eConnect');
    expect(mail.text).toContain(
      'Bram Jansen (bram@example.com) will become administrator of "Acme" on 2 June 2026 14:30 (Amsterdam time), unless someone objects before then.',
    );
    expect(mail.text).toContain('case RC-7KQ4-M2XD');
    expect(mail.text).toContain('If all is well, you do not need to do anything.');
  });

  it('puts the objection link on a line of its own', () => {
    const mail = coolingOffNoticeMail(input);
    expect(mail.text.split('\n')).toContain(input.objectionLink);
    expect(mail.html).toContain(`href="${input.objectionLink}"`);
  });

  it('keeps what the requester typed out of the subject and escapes it in the HTML part', () => {
    const mail = coolingOffNoticeMail({ ...input, requesterName: '<script>alert(1)</script>' });
    expect(mail.subject).not.toContain('script');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
