import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { newEnvironment } from '../support/directory';
import { newRecoveryRequest } from '../support/factories';
import { codeFrom, decide, requesterAction } from '../support/recovery-flow';
import { submitAndOpenMail } from '../support/requester';
import { newStaff, signIn } from '../support/staff';
import { startTestService, type TestService } from '../support/test-service';

// The case row shows `awaiting_review` a moment before the workflow has finished the step that led there.
// An agent who decides the very moment the row shows it must be taken, not told "another action is being
// handled": the api asks the busy workflow again instead of answering 409.

const ROUNDS = 16;
const AT_ONCE = 4;

describe('a decision sent the moment the case shows awaiting_review', () => {
  let service: TestService;
  let db: DataSource;
  let agentToken: string;

  beforeAll(async () => {
    // A long cooling-off: an approval stops there, so the rounds measure the decision alone.
    service = await startTestService({ RECOVERY_COOLING_OFF: 'PT1H' });
    db = await openTestDatabase();
    agentToken = await signIn(service.baseUrl, await newStaff(db, { role: 'agent' }));
  });

  afterAll(async () => {
    await db.destroy();
    await service.close();
  });

  /** Watches the case row (as every list and view reads it) until it shows `awaiting_review`, then decides. */
  async function decideAtReview(
    reference: string,
    decision: Record<string, unknown>,
    codeAnswered: () => boolean,
  ) {
    const giveUpAt = Date.now() + 20_000;
    while (Date.now() < giveUpAt) {
      const [row] = await db.query<{ status: string }[]>(
        'SELECT status FROM recovery_cases WHERE reference = $1',
        [reference],
      );
      if (row?.status === 'awaiting_review') {
        const sentBeforeCodeAnswered = !codeAnswered();
        return { sentBeforeCodeAnswered, answer: await decide(service, agentToken, reference, decision) };
      }
      // As often as the database answers, yet leaving the event loop to the other rounds.
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`case ${reference} did not reach awaiting_review`);
  }

  /** One case by the email method: the agent decides while the requester's code is still being answered. */
  async function round(index: number) {
    const { organisations, environment } = await newEnvironment(db, {
      organisations: 1,
      users: [{ role: 'administrator', status: 'deactivated' }],
    });
    const link = await submitAndOpenMail(
      service,
      newRecoveryRequest({ method: 'email', kvkNumber: organisations[0]?.kvkNumber }),
    );
    expect((await requesterAction(service, link, 'confirm')).status).toBe(200);
    const codeMail = await service.mail.waitForMail(
      (m) => m.subject.includes(link.reference) && m.to.includes(environment.contactEmail),
    );
    const decision =
      index % 2 === 0 ? { decision: 'approve' } : { decision: 'reject', reason: 'Not the right person.' };
    let codeAnswered = false;
    const code = requesterAction(service, link, 'email-code', { code: codeFrom(codeMail) }).then((answer) => {
      codeAnswered = true;
      return answer;
    });
    const { sentBeforeCodeAnswered, answer } = await decideAtReview(
      link.reference,
      decision,
      () => codeAnswered,
    );
    expect((await code).status).toBe(200);
    return { status: answer.status, body: answer.body, sentBeforeCodeAnswered };
  }

  it(`takes every decision (${ROUNDS} cases, ${AT_ONCE} at a time) and never answers 409`, async () => {
    const outcomes: Awaited<ReturnType<typeof round>>[] = [];
    for (let first = 0; first < ROUNDS; first += AT_ONCE) {
      outcomes.push(
        ...(await Promise.all(Array.from({ length: AT_ONCE }, (_unused, offset) => round(first + offset)))),
      );
    }
    expect(outcomes.filter((outcome) => outcome.status !== 200).map((outcome) => outcome.body)).toEqual([]);
    expect(outcomes.map((outcome) => outcome.body.status).sort()).toEqual(
      [
        ...Array<string>(ROUNDS / 2).fill('cooling_off'),
        ...Array<string>(ROUNDS / 2).fill('rejected'),
      ].sort(),
    );
    // The race itself: decisions sent while the code's own answer was still on its way.
    const raced = outcomes.filter((outcome) => outcome.sentBeforeCodeAnswered).length;
    process.stderr.write(
      `[decision-at-review] ${raced} of ${ROUNDS} decisions were sent before the code was answered\n`,
    );
    expect(raced).toBeGreaterThan(0);
  });
});
