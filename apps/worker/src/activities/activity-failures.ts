import { ApplicationFailure } from '@temporalio/common';

/** A case that does not exist will not appear by retrying: fail the activity for good. */
export function caseNotFound(caseId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'not_found');
}
