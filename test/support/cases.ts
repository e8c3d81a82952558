import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  caseReferenceFromBytes,
  CASE_REFERENCE_RANDOM_BYTES,
  type CaseEventType,
  type DocumentStatus,
  type EventActorType,
} from '@app/domain';
import { CaseEntity, PendingSecretRepository } from '@app/persistence';
import { randomToken, SecretBox, SecretHasher } from '@app/secrets';
import { uniqueKvkNumber } from './directory';

let sequence = 0;

/** A recovery case written straight into the test database (no workflow), unique reference and address. */
export async function newCase(db: DataSource, overrides: Partial<CaseEntity> = {}): Promise<CaseEntity> {
  sequence += 1;
  const unique = `${sequence}.${randomUUID().slice(0, 8)}`;
  const repository = db.getRepository(CaseEntity);
  return repository.save(
    repository.create({
      reference: caseReferenceFromBytes(randomBytes(CASE_REFERENCE_RANDOM_BYTES)),
      status: 'awaiting_review',
      method: 'chamber_extract',
      requesterName: `Requester ${unique}`,
      requesterEmail: `requester.${unique}@customer.example`,
      requesterPhone: null,
      companyName: `Company ${unique} B.V.`,
      kvkNumber: uniqueKvkNumber(),
      environmentReference: null,
      formerAdminEmail: null,
      message: null,
      tokenHash: randomBytes(32),
      maxUploads: 3,
      maxCodeResends: 3,
      ...overrides,
    }),
  );
}

/** Sets a case's created_at exactly, microseconds included (a JavaScript Date has milliseconds only). */
export async function setCreatedAt(db: DataSource, caseId: string, timestamp: string): Promise<void> {
  await db.query('UPDATE recovery_cases SET created_at = $2::timestamptz WHERE id = $1', [caseId, timestamp]);
}

export async function addCaseEvent(
  db: DataSource,
  caseId: string,
  event: { type: CaseEventType; actorType?: EventActorType; actorId?: string | null; details?: object },
): Promise<void> {
  await db.query(
    `INSERT INTO case_events (case_id, type, actor_type, actor_id, details) VALUES ($1, $2, $3, $4, $5)`,
    [caseId, event.type, event.actorType ?? 'system', event.actorId ?? null, event.details ?? {}],
  );
}

/** An uploaded document of the case, as the workflow leaves it once read or refused. */
export async function addCaseDocument(
  db: DataSource,
  caseId: string,
  document: {
    sequence: number;
    content?: Buffer;
    status?: DocumentStatus;
    findings?: object;
    refusalMessage?: string;
    pageCount?: number;
  },
): Promise<{ id: string; content: Buffer }> {
  const content = document.content ?? Buffer.from(`%PDF-1.7\n% test document ${randomUUID()}\n%%EOF\n`);
  const status = document.status ?? 'analysed';
  const [row] = await db.query<{ id: string }[]>(
    `INSERT INTO case_documents
       (case_id, sequence, content, byte_size, sha256, status, page_count, refusal_reason, refusal_message,
        findings, analysed_at)
     VALUES ($1, $2, $3, $4, sha256($3), $5, $6, $7, $8, $9, $10)
     RETURNING id`,
    [
      caseId,
      document.sequence,
      content,
      content.length,
      status,
      document.pageCount ?? 1,
      status === 'refused' ? 'not_an_extract' : null,
      document.refusalMessage ?? null,
      document.findings ?? null,
      status === 'received' ? null : new Date(),
    ],
  );
  if (!row) throw new Error('no document inserted');
  return { id: row.id, content };
}

/**
 * A case as the intake leaves it: waiting for confirmation, its access token's keyed hash stored and the
 * token sealed until it is mailed, with `worker`'s secrets; and the token.
 */
export async function caseWithSealedLink(
  db: DataSource,
  worker: INestApplicationContext,
): Promise<{ kase: CaseEntity; token: string }> {
  const token = randomToken();
  const kase = await newCase(db, {
    status: 'awaiting_confirmation',
    tokenHash: worker.get(SecretHasher).hash('case_token', token),
  });
  await new PendingSecretRepository(db).put(
    kase.id,
    'case_link',
    worker.get(SecretBox).seal(token, `case_link:${kase.id}`),
  );
  return { kase, token };
}
