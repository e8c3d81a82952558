import type { CapturedMail } from '../mail-catcher/captured-mail';
import type { MailCatcher } from '../mail-catcher/mail-catcher';
import { accessLinkIn, codeIn, objectionTokenIn } from '../mail-catcher/mail-contents';

const REFERENCE = /\bRC-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
// The English subject of the mail that asks the requester for another document (cases are made in English).
const DOCUMENT_REQUESTED = /^Please upload a new document for case /;

/** What the service mailed about one case, as far as anyone acting on it needs it. */
interface CaseMail {
  /** The token of the requester's access link. */
  link?: string;
  /** The first email code sent. */
  code?: string;
  /** The token of the first cooling-off notice's objection link. */
  objection?: string;
  /** How many mails asked the requester for another document. */
  documentRequests: number;
}

/**
 * The links, codes and objection links the service mailed, by case reference, read off the SMTP server as
 * they arrive. It clears the catcher after each mail, so that thousands of cases do not pile up in it.
 */
export class CaseMailbox {
  private readonly byReference = new Map<string, CaseMail>();
  private readonly finished = new Set<string>();
  // Each wait: how to look for its mail again, and how to give it up when the mailbox closes.
  private readonly waiters = new Map<() => void, (reason: Error) => void>();
  private readonly unsubscribe: () => void;

  /** `timeoutMs`: how long a wait for a mail lasts before it fails. */
  constructor(
    catcher: MailCatcher,
    private readonly timeoutMs: number,
  ) {
    this.unsubscribe = catcher.onMail((mail) => {
      this.file(mail);
      // Everything needed is filed here: the catcher need not keep thousands of mails.
      catcher.clear();
    });
  }

  /** The access link's token, once the mail with it has come. */
  token(reference: string): Promise<string> {
    return this.wait(reference, (mail) => mail.link, 'mail with the access link');
  }

  /** The email code, once the first mail with it has come to one of the environment's addresses. */
  code(reference: string): Promise<string> {
    return this.wait(reference, (mail) => mail.code, 'mail with the code');
  }

  /** The token of an objection link, once the first cooling-off notice has come. */
  objectionToken(reference: string): Promise<string> {
    return this.wait(reference, (mail) => mail.objection, 'cooling-off notice');
  }

  /** Resolves once `count` mails have asked the requester for another document. */
  async documentRequested(reference: string, count = 1): Promise<void> {
    await this.wait(
      reference,
      (mail) => (mail.documentRequests >= count ? 'yes' : undefined),
      'mail asking for a new document',
    );
  }

  /** The case is done: its entry goes, and later mails about it (notices, rejections) are not kept. */
  forget(reference: string): void {
    this.byReference.delete(reference);
    this.finished.add(reference);
  }

  /** Stops reading the catcher's mail; the waits still open fail. */
  close(): void {
    this.unsubscribe();
    for (const giveUp of [...this.waiters.values()]) giveUp(new Error('the mailbox was closed'));
  }

  private file(mail: CapturedMail): void {
    const link = accessLinkIn(mail);
    // A code mail has no access link; only then is an 8-digit line its code.
    const code = link ? undefined : codeIn(mail);
    const objection = objectionTokenIn(mail);
    const documentRequested = DOCUMENT_REQUESTED.test(mail.subject);
    // A cooling-off notice names its case in the text only: the subject carries nothing the requester typed.
    const reference = link?.reference ?? REFERENCE.exec(mail.subject)?.[0] ?? REFERENCE.exec(mail.text)?.[0];
    if (reference === undefined || this.finished.has(reference)) return;
    if (!link && !code && !objection && !documentRequested) return;
    const entry = this.byReference.get(reference) ?? { documentRequests: 0 };
    entry.link ??= link?.token;
    entry.code ??= code;
    entry.objection ??= objection;
    if (documentRequested) entry.documentRequests += 1;
    this.byReference.set(reference, entry);
    for (const wake of [...this.waiters.keys()]) wake();
  }

  private wait(
    reference: string,
    pick: (mail: CaseMail) => string | undefined,
    what: string,
  ): Promise<string> {
    return new Promise((resolveWait, rejectWait) => {
      const stop = (): void => {
        clearTimeout(timer);
        this.waiters.delete(look);
      };
      const look = (): void => {
        const found = pick(this.byReference.get(reference) ?? { documentRequests: 0 });
        if (found === undefined) return;
        stop();
        resolveWait(found);
      };
      const giveUp = (reason: Error): void => {
        stop();
        rejectWait(reason);
      };
      const timer = setTimeout(() => {
        giveUp(new Error(`no ${what} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.waiters.set(look, giveUp);
      look();
    });
  }
}
