import type { DataSource } from 'typeorm';
import type { CaseEventType } from '@app/domain';
import { recoveryWorkflowId } from '@app/workflows/recovery.messages';
import { eventually } from './eventually';
import type { TestService } from './test-service';

/** The id of the case with this reference (its workflow's id is derived from it). */
export async function caseIdOf(db: DataSource, reference: string): Promise<string> {
  const [row] = await db.query<{ id: string }[]>('SELECT id FROM recovery_cases WHERE reference = $1', [
    reference,
  ]);
  if (!row) throw new Error(`no case ${reference}`);
  return row.id;
}

/**
 * Waits until `event` is on the case's trail, once, and its workflow runs no activity: from then on no mail
 * of that step can still be on its way, so counting mails says how many there will ever be.
 */
export function caseSettledAfter(
  service: TestService,
  db: DataSource,
  reference: string,
  event: CaseEventType,
): Promise<void> {
  return eventually(async () => {
    const caseId = await caseIdOf(db, reference);
    const events = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = $2',
      [caseId, event],
    );
    expect(events[0]?.n).toBe(1);
    const { raw } = await service.temporalClient.workflow.getHandle(recoveryWorkflowId(caseId)).describe();
    expect(raw.pendingActivities ?? []).toEqual([]);
  }, 15_000);
}
