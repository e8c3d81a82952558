// The workflow bundle's entry point: every workflow function the worker registers.
export { recoveryWorkflow } from './recovery.workflow';
