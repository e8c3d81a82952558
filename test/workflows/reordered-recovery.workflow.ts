// A deliberately incompatible recovery workflow, for the replay test only: registered under the same type
// (`recoveryWorkflow`), it mails the access link before it matches the environment. Every recorded history
// starts the other way round, so replaying one against this code must fail with a determinism violation.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseStatus } from '../../libs/domain/src/case/case-status';
import type { RecoveryActivities } from '../../workflows/activities.contract';
import type { RecoveryWorkflowInput } from '../../workflows/recovery.messages';

const activities = proxyActivities<RecoveryActivities>({ startToCloseTimeout: '2 minutes' });

export async function recoveryWorkflow({ caseId }: RecoveryWorkflowInput): Promise<CaseStatus> {
  await activities.sendAccessLink({ caseId });
  await activities.matchEnvironment({ caseId });
  return 'cancelled';
}
