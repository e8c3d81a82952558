import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@app/domain';

/** A case that does not exist will not appear by retrying: fail the activity for good. */
export function caseNotFound(caseId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'not_found');
}

/**
 * Business failures (domain errors) end the activity for good, typed by their code; anything else
 * (a database or mail server away) stays retryable.
 */
export function failingForGood<A extends unknown[], R>(activity: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await activity(...args);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code);
      throw error;
    }
  };
}
