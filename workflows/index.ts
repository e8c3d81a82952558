// The workflow bundle's entry point: every workflow function the worker registers.
export { invitationWorkflow } from './invitation.workflow';
export { recoveryWorkflow } from './recovery.workflow';
