// Workflow inputs, ids and (later) signals, queries and updates, defined once and shared with the API.

export interface RecoveryWorkflowInput {
  caseId: string;
  /** Durations come from configuration through the input, so tests can use seconds. */
  durations: {
    confirmationExpiryMs: number;
  };
}

export const RECOVERY_WORKFLOW_TYPE = 'recoveryWorkflow';

/** One workflow per case: the id is derived from the case, so a second start finds the first. */
export function recoveryWorkflowId(caseId: string): string {
  return `recovery-case-${caseId}`;
}
