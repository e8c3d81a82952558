import type { DeliverableMail, MailDeliveries } from '@app/mail';

/** What one recipient's mail says, with its own Message-ID (the key of its delivery). */
type MailFor = Omit<DeliverableMail, 'to' | 'caseId' | 'purpose'>;

/** What became of a mail to several recipients: counts for the log, which names no address. */
interface DeliveryCounts {
  sent: number;
  refused: number;
  withdrawn: number;
}

/**
 * One kind of mail to each of `recipients`, one delivery each, so each recipient needs a Message-ID of its
 * own. An address refused for good is counted and passed over: its delivery row keeps the refusal, and
 * neither the other recipients nor the case wait for it. A passing failure (MailUnavailableError) ends the
 * attempt; the next one sends only what is not sent yet.
 */
export async function deliverToEach(
  deliveries: MailDeliveries,
  about: { caseId: string | null; purpose: string },
  recipients: readonly string[],
  mailFor: (to: string) => MailFor,
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, refused: 0, withdrawn: 0 };
  for (const to of recipients) {
    const outcome = await deliveries.deliver({ ...mailFor(to), ...about, to });
    counts[outcome] += 1;
  }
  return counts;
}
