import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { ObjectionTokenRepository } from '@app/persistence';
import { randomToken, SecretHasher } from '@app/secrets';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { requestJson } from '../support/http-client';
import { testConfig } from '../support/test-config';
import { startApi } from '../support/test-service';

// A case row in cooling-off with no workflow behind it: the workflow cannot take the objection, the way a
// refusal or Temporal being away would not (the same path in the api, without waiting for timeouts).
describe('an objection the workflow does not take', () => {
  let api: NestFastifyApplication;
  let baseUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ api, baseUrl } = await startApi(testConfig()));
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
    await api.close();
  });

  it('is refused, keeps no reason, and leaves the link usable for a second try', async () => {
    const { environment } = await newEnvironment(db, { users: [{ role: 'user' }] });
    const kase = await newCase(db, {
      status: 'cooling_off',
      environmentId: environment.id,
      appointAt: new Date(Date.now() + 3_600_000),
    });
    const token = randomToken();
    const tokenHash = api.get(SecretHasher).hash('objection_token', token);
    await new ObjectionTokenRepository(db).insertAll([
      { tokenHash, caseId: kase.id, round: 1, recipientEmail: 'colleague@env.example' },
    ]);

    for (let attempt = 1; attempt <= 2; attempt++) {
      const answer = await requestJson(baseUrl, 'POST', `/api/objections/${token}`, {
        body: { reason: 'Our administrator is on holiday.' },
      });
      // The second try is told the same, not that the link was used (404).
      expect([attempt, answer.status]).toEqual([attempt, 409]);
    }
    const notes = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1',
      [kase.id],
    );
    expect(notes[0]?.n).toBe(0);
    const [link] = await db.query<{ used_at: Date | null }[]>(
      'SELECT used_at FROM objection_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    expect(link?.used_at).toBeNull();
  });
});
