import type { DataSource } from 'typeorm';
import { CaseRepository } from '@app/persistence';
import { newCase } from '../support/cases';
import { openTestDatabase } from '../support/database';

describe(`${CaseRepository.name}.transition`, () => {
  let db: DataSource;
  let cases: CaseRepository;

  beforeAll(async () => {
    db = await openTestDatabase();
    cases = new CaseRepository(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  const statusOf = async (id: string) => (await cases.findById(id))?.status;

  it('makes a move the case rules have, only from the state it starts from', async () => {
    const kase = await newCase(db, { status: 'awaiting_confirmation' });
    expect(await cases.transition(kase.id, ['awaiting_review'], 'cooling_off')).toBe(false);
    expect(await cases.transition(kase.id, ['awaiting_confirmation'], 'awaiting_document')).toBe(true);
    expect(await statusOf(kase.id)).toBe('awaiting_document');
  });

  it('refuses a move the case rules do not have, and writes nothing', async () => {
    const kase = await newCase(db, { status: 'awaiting_confirmation' });
    await expect(
      cases.transition(kase.id, ['awaiting_confirmation'], 'appointing', undefined, { flagged: true }),
    ).rejects.toMatchObject({
      code: 'invalid_state',
      message: 'a case cannot move from awaiting_confirmation to appointing',
    });
    expect(await cases.findById(kase.id)).toMatchObject({ status: 'awaiting_confirmation', flagged: false });
  });

  it('lets a step stay in its state to record more', async () => {
    const kase = await newCase(db, { status: 'analysing_document' });
    expect(
      await cases.transition(kase.id, ['analysing_document'], 'analysing_document', undefined, {
        flagged: true,
      }),
    ).toBe(true);
    expect(await cases.findById(kase.id)).toMatchObject({ status: 'analysing_document', flagged: true });
  });
});
