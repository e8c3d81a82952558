import { log, proxyActivities, sleep } from '@temporalio/workflow';
import type { RecoveryActivities } from './activities.contract';
import type { RecoveryWorkflowInput } from './recovery.messages';

const activities = proxyActivities<RecoveryActivities>({
  startToCloseTimeout: '1 minute',
  // Mail and database outages are waited out: a mail is delayed, never lost.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The life of one recovery case (SPEC section 5). This slice covers intake: the case link is mailed,
 * and a case still unconfirmed when the confirmation window closes expires. The confirmation update
 * and the verification steps after it come with the recovery-case issue.
 */
export async function recoveryWorkflow(input: RecoveryWorkflowInput): Promise<void> {
  const { caseId, durations } = input;
  await activities.sendCaseLink({ caseId });

  await sleep(durations.confirmationExpiryMs);
  log.info('confirmation window closed', { caseId });
  await activities.expireCase({ caseId, awaitingStatus: 'awaiting_confirmation' });
}
