/**
 * The few fields of a nodemailer error we look at: `code` (its own, e.g. EENVELOPE, ECONNECTION), `command`
 * (what it was doing: RCPT TO, DATA, CONN...), `responseCode` (the SMTP reply code, when the server replied),
 * `response` (the reply's text: read for its enhanced status code, never kept) and, for RCPT TO,
 * `rejectedErrors` (one such error per refused recipient).
 */
interface SmtpError {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  response?: unknown;
  rejectedErrors?: unknown;
}

/** What of a failed send may be logged: nodemailer's code and the SMTP reply code, never the server's text. */
export interface SmtpFailureFacts {
  errorCode: string | null;
  responseCode: number | null;
  command: string | null;
}

const fields = (error: unknown): SmtpError => (typeof error === 'object' && error !== null ? error : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

export function smtpFailureFacts(error: unknown): SmtpFailureFacts {
  const { code, responseCode, command } = fields(error);
  return { errorCode: text(code), responseCode: number(responseCode), command: text(command) };
}

/** The subject of an RFC 3463 enhanced status code (`550 5.1.1 …` → 1), null when the reply has none. */
function enhancedSubject(response: string | null): number | null {
  const match = response === null ? null : /^5\d\d[ -]5\.(\d{1,3})\.\d{1,3}\b/.exec(response);
  return match?.[1] === undefined ? null : Number(match[1]);
}

// RFC 3463's subjects: 1 addressing and 2 mailbox are about the recipient; 3 mail system, 5 protocol and
// 7 security or policy (relay denied, authentication required) are about the server or us, not the address.
const RECIPIENT_SUBJECTS = new Set([1, 2]);
const NOT_THE_RECIPIENT_SUBJECTS = new Set([3, 5, 7]);
const AUTHENTICATION_REQUIRED = 530;

/**
 * The SMTP reply code when `error` is the server refusing the (one) recipient for good, else null: the
 * mail is then worth another attempt, or the fault is not the address's (refusing it would lose the mail
 * for something support or a retry can mend). A refusal is:
 * - a 5xx reply to RCPT TO (nodemailer: `code` EENVELOPE, `command` RCPT TO, the reply in `rejectedErrors`),
 *   unless it blames the sender's side: 530 (authentication required) or an enhanced status of subject 3,
 *   5 or 7 (e.g. `554 5.7.1 Relay access denied`, which a misconfigured relay answers for every address);
 * - a 5xx reply at the end of DATA (`code` EMESSAGE, `command` DATA) only when its enhanced status says the
 *   address or the mailbox (5.1.x, 5.2.x): otherwise it refuses the content or the server is at fault.
 * A refusal of the sender (MAIL FROM) or of DATA itself, a 4xx, a dropped connection or a timeout is not.
 */
export function recipientRefusal(error: unknown): number | null {
  const { code, command, responseCode, response, rejectedErrors } = fields(error);
  if (code === 'EENVELOPE' && command === 'RCPT TO') {
    // With one recipient its own error is the reply; the summary error carries the same code.
    const rejected = Array.isArray(rejectedErrors) ? fields(rejectedErrors[0] as unknown) : {};
    const status = number(rejected.responseCode) ?? number(responseCode);
    if (status === null || status < 500 || status > 599 || status === AUTHENTICATION_REQUIRED) return null;
    const subject = enhancedSubject(text(rejected.response) ?? text(response));
    return subject !== null && NOT_THE_RECIPIENT_SUBJECTS.has(subject) ? null : status;
  }
  if (code === 'EMESSAGE' && command === 'DATA') {
    const status = number(responseCode);
    if (status === null || status < 500 || status > 599) return null;
    const subject = enhancedSubject(text(response));
    return subject !== null && RECIPIENT_SUBJECTS.has(subject) ? status : null;
  }
  return null;
}
