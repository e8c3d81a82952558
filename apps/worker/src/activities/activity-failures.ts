import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@app/domain';
import { MailUnavailableError } from '@app/mail';

/**
 * A case that does not exist will not appear by retrying: fail the activity for good, with a type of its
 * own (the workflow ends when its case is gone, see recovery.workflow.ts).
 */
export function caseNotFound(caseId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'case_not_found');
}

/**
 * Business failures (domain errors) end the activity for good, typed by their code; anything else
 * (a database or mail server away) stays retryable. A mail that could not go out now is typed
 * `mail_unavailable` here: Temporal would type a plain error by its class's name, not by `name`.
 */
export function failingForGood<A extends unknown[], R>(activity: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await activity(...args);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code);
      // Its message names neither the address nor the server's reply, and it carries no cause.
      if (error instanceof MailUnavailableError)
        throw ApplicationFailure.retryable(error.message, error.name);
      throw error;
    }
  };
}
