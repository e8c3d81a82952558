import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
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

  beforeAll(async () => {
    // The worker's providers without the Temporal worker (see appointment-activity.test.ts).
    worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(testConfig())] })
      .overrideProvider(TemporalWorkerService)
      .useValue({})
      .compile();
    await worker.init();
    activities = worker.get(DocumentActivities);
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
});
