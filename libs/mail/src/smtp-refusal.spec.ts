import { recipientRefusal, smtpFailureFacts } from './smtp-refusal';

/** A nodemailer error as its SMTP connection builds one (see _formatError and _envelopeError). */
function smtpError(code: string, command: string, response?: string, extra: object = {}): Error {
  const responseCode = response === undefined ? undefined : Number(response.slice(0, 3));
  return Object.assign(
    new Error(`failed: ${response ?? ''}`),
    { code, command, response, responseCode },
    extra,
  );
}

/** nodemailer's error when the one recipient is refused at RCPT TO: the reply also in `rejectedErrors`. */
function rcptRefused(response: string): Error {
  return smtpError('EENVELOPE', 'RCPT TO', response, {
    rejected: ['someone@example.com'],
    rejectedErrors: [smtpError('EENVELOPE', 'RCPT TO', response, { recipient: 'someone@example.com' })],
  });
}

describe(recipientRefusal.name, () => {
  it.each([
    '550 5.1.1 <someone@example.com>: mailbox unavailable',
    '550 Requested action not taken: mailbox unavailable',
    '553 5.1.3 Bad recipient address syntax',
    '552 5.2.2 Mailbox full',
    '550 5.4.1 Recipient address rejected: Access denied',
    '550 5.0.0 Recipient rejected',
  ])('takes a 5xx at RCPT TO as a refusal of the recipient: %s', (reply) => {
    expect(recipientRefusal(rcptRefused(reply))).toBe(Number(reply.slice(0, 3)));
  });

  it.each([
    ['a passing refusal', '450 4.2.1 Mailbox busy'],
    ['a relay that refuses every address (policy)', '554 5.7.1 <someone@example.com>: Relay access denied'],
    ['authentication required', '530 5.7.0 Authentication required'],
    ['authentication required, without an enhanced code', '530 Authentication required'],
    ['the server out of storage', '552 5.3.4 Message too big for system'],
    ['a protocol error of ours', '501 5.5.4 Syntax error in parameters'],
  ])('does not take %s at RCPT TO as a refusal', (_label, reply) => {
    expect(recipientRefusal(rcptRefused(reply))).toBeNull();
  });

  it('takes a 5xx at the end of DATA as a refusal only when it names the address or the mailbox', () => {
    expect(recipientRefusal(smtpError('EMESSAGE', 'DATA', '550 5.1.1 User unknown'))).toBe(550);
    expect(recipientRefusal(smtpError('EMESSAGE', 'DATA', '552 5.2.2 Mailbox full'))).toBe(552);
    expect(recipientRefusal(smtpError('EMESSAGE', 'DATA', '550 5.7.1 Message rejected as spam'))).toBeNull();
    expect(recipientRefusal(smtpError('EMESSAGE', 'DATA', '554 Transaction failed'))).toBeNull();
    expect(recipientRefusal(smtpError('EMESSAGE', 'DATA', '451 4.3.0 Try again later'))).toBeNull();
  });

  it('does not take a refusal of the sender, of DATA itself or of the connection as one of the recipient', () => {
    expect(recipientRefusal(smtpError('EENVELOPE', 'MAIL FROM', '550 5.1.0 Sender rejected'))).toBeNull();
    expect(recipientRefusal(smtpError('EENVELOPE', 'DATA', '554 5.5.1 No valid recipients'))).toBeNull();
    expect(recipientRefusal(smtpError('ECONNECTION', 'CONN', '554 5.7.1 Go away'))).toBeNull();
    expect(recipientRefusal(smtpError('ECONNECTION', 'CONN'))).toBeNull();
    expect(recipientRefusal(smtpError('ETIMEDOUT', 'CONN'))).toBeNull();
    expect(
      recipientRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })),
    ).toBeNull();
    expect(recipientRefusal('not an error')).toBeNull();
    expect(recipientRefusal(null)).toBeNull();
  });
});

describe(smtpFailureFacts.name, () => {
  it("keeps nodemailer's code, the command and the reply code, and nothing of the server's text", () => {
    const facts = smtpFailureFacts(rcptRefused('550 5.1.1 <someone@example.com>: mailbox unavailable'));
    expect(facts).toEqual({ errorCode: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
  });

  it('answers nulls for what an error does not have', () => {
    expect(smtpFailureFacts(new Error('x'))).toEqual({ errorCode: null, responseCode: null, command: null });
    expect(smtpFailureFacts(undefined)).toEqual({ errorCode: null, responseCode: null, command: null });
  });
});
