import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CaseDocumentRepository } from '@app/persistence';
import { DocumentActivities } from '../../apps/worker/src/activities/document.activities';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

describe(DocumentActivities.name, () => {
  let worker: TestingModule;
  let activities: DocumentActivities;
  let db: DataSource;
  let documents: CaseDocumentRepository;

  beforeAll(async () => {
    // The worker's providers without the Temporal worker (see appointment-activity.test.ts).
    worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(testConfig())] })
      .overrideProvider(TemporalWorkerService)
      .useValue({})
      .compile();
    await worker.init();
    activities = worker.get(DocumentActivities);
    documents = worker.get(CaseDocumentRepository);
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await worker.close();
  });

  it('refuses, for good, an upload whose document is not there (a domain error, not one to retry)', async () => {
    const kase = await newCase(db, { status: 'awaiting_document' });
    await expect(
      activities.startAnalysis({ caseId: kase.id, documentId: randomUUID() }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    const [row] = await db.query<{ status: string }[]>('SELECT status FROM recovery_cases WHERE id = $1', [
      kase.id,
    ]);
    expect(row?.status).toBe('awaiting_document');
  });

  const statusOf = async (caseId: string): Promise<string | undefined> => {
    const [row] = await db.query<{ status: string }[]>('SELECT status FROM recovery_cases WHERE id = $1', [
      caseId,
    ]);
    return row?.status;
  };
  const upload = (caseId: string): Promise<{ id: string }> =>
    documents.insert({ caseId, content: Buffer.from('%PDF-1.4'), sha256: Buffer.alloc(32) });

  // The api takes back an upload the workflow did not answer for; the workflow may take the update later.
  it('keeps an upload the workflow took before the api took it back', async () => {
    const kase = await newCase(db, { status: 'awaiting_document' });
    const { id } = await upload(kase.id);
    await activities.startAnalysis({ caseId: kase.id, documentId: id });
    await documents.deleteUntaken(id);
    expect(await documents.findById(id)).toMatchObject({
      id,
      status: 'received',
      takenAt: expect.any(Date) as Date,
    });
    expect(await statusOf(kase.id)).toBe('analysing_document');
    // A retry of the activity finds its step made and the document still there.
    await activities.startAnalysis({ caseId: kase.id, documentId: id });
    expect(await statusOf(kase.id)).toBe('analysing_document');
  });

  it('refuses an upload the api took back before the workflow took it, and the case waits as it was', async () => {
    const kase = await newCase(db, { status: 'awaiting_document' });
    const { id } = await upload(kase.id);
    await documents.deleteUntaken(id);
    await expect(activities.startAnalysis({ caseId: kase.id, documentId: id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await documents.findById(id)).toBeNull();
    expect(await statusOf(kase.id)).toBe('awaiting_document');
  });

  it('lets exactly one of the take and the undo win when they meet', async () => {
    for (let round = 0; round < 20; round += 1) {
      const kase = await newCase(db, { status: 'awaiting_document' });
      const { id } = await upload(kase.id);
      const [take] = await Promise.allSettled([
        activities.startAnalysis({ caseId: kase.id, documentId: id }),
        documents.deleteUntaken(id),
      ]);
      const kept = await documents.findById(id);
      if (take.status === 'fulfilled') {
        expect(kept).not.toBeNull();
        expect(await statusOf(kase.id)).toBe('analysing_document');
      } else {
        expect(kept).toBeNull();
        expect(await statusOf(kase.id)).toBe('awaiting_document');
      }
    }
  });

  it('leaves an upload the case could not take to the api to take back', async () => {
    const kase = await newCase(db, { status: 'awaiting_review' });
    const { id } = await upload(kase.id);
    await expect(activities.startAnalysis({ caseId: kase.id, documentId: id })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    expect(await documents.findById(id)).toMatchObject({ takenAt: null });
    await documents.deleteUntaken(id);
    expect(await documents.findById(id)).toBeNull();
  });
});
