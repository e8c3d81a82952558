import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailDeliveryEntity } from './mail-delivery.entity';

type NewMailDelivery = Pick<MailDeliveryEntity, 'caseId' | 'purpose' | 'recipient' | 'messageId'>;

/** What an attempt holds while it talks to the SMTP server. */
export interface MailDeliveryClaim {
  id: string;
  recipient: string;
  /** The attempt's number: it fences the release, so a late attempt cannot free a lease taken after its own. */
  attempt: number;
}

// TypeORM answers an UPDATE statement with [rows, row count] (PostgresQueryRunner), RETURNING or not.
type UpdateResult<Row> = [Row[], number];

/**
 * The deliveries of mails, one statement each: no transaction is ever held open while an attempt talks to
 * the SMTP server, the lease (`claimed_until`) keeps two attempts from sending the same mail at once.
 */
@Injectable()
export class MailDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the delivery as pending unless its Message-ID is known already (then it changes nothing). */
  async insertIfAbsent(delivery: NewMailDelivery): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO mail_deliveries (case_id, purpose, recipient, message_id, state)
       VALUES ($1, $2, $3, $4, 'pending')
       ON CONFLICT (message_id) DO NOTHING`,
      [delivery.caseId, delivery.purpose, delivery.recipient, delivery.messageId],
    );
  }

  /**
   * Takes the lease of a pending delivery for `leaseMs` and counts the attempt; null when the delivery is no
   * longer pending or another attempt holds an unexpired lease.
   */
  async claim(messageId: string, leaseMs: number): Promise<MailDeliveryClaim | null> {
    const [rows] = await this.dataSource.query<UpdateResult<MailDeliveryClaim>>(
      `UPDATE mail_deliveries
          SET attempts = attempts + 1, last_attempt_at = now(),
              claimed_until = now() + $2 * interval '1 millisecond'
        WHERE message_id = $1 AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
        RETURNING id, recipient, attempts AS attempt`,
      [messageId, leaseMs],
    );
    return rows[0] ?? null;
  }

  // A mail the server took (or refused) is recorded so whichever attempt learnt it, even one whose lease ran
  // out meanwhile, or that was sending it when it was withdrawn: that is what happened to it.
  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_deliveries SET state = 'sent', sent_at = now(), claimed_until = NULL, withdrawn_at = NULL
        WHERE id = $1 AND state IN ('pending', 'withdrawn')`,
      [id],
    );
  }

  async markRefused(id: string, smtpStatus: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_deliveries
          SET state = 'refused', refused_at = now(), smtp_status = $2, claimed_until = NULL, withdrawn_at = NULL
        WHERE id = $1 AND state IN ('pending', 'withdrawn')`,
      [id, smtpStatus],
    );
  }

  /**
   * Withdraws the pending deliveries of a case's `purpose` (of `messageIds` only, when given): no attempt
   * claims them any more, also one whose lease was held by an attempt that died. Answers how many.
   */
  async withdrawPending(caseId: string, purpose: string, messageIds?: readonly string[]): Promise<number> {
    const [, count] = await this.dataSource.query<UpdateResult<never>>(
      `UPDATE mail_deliveries SET state = 'withdrawn', withdrawn_at = now(), claimed_until = NULL
        WHERE case_id = $1 AND purpose = $2 AND state = 'pending'
          AND ($3::text[] IS NULL OR message_id = ANY($3::text[]))`,
      [caseId, purpose, messageIds ?? null],
    );
    return count;
  }

  /** Gives the lease back, so the next attempt need not wait for it to run out; only the attempt's own lease. */
  async release(claim: MailDeliveryClaim): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_deliveries SET claimed_until = NULL WHERE id = $1 AND attempts = $2 AND state = 'pending'`,
      [claim.id, claim.attempt],
    );
  }

  findByMessageId(messageId: string): Promise<MailDeliveryEntity | null> {
    return this.dataSource.manager.getRepository(MailDeliveryEntity).findOneBy({ messageId });
  }

  /** The mails of a case, oldest first, for the case page. */
  listForCase(caseId: string): Promise<MailDeliveryEntity[]> {
    return this.dataSource.manager
      .getRepository(MailDeliveryEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
