import {
  ApplicationFailure,
  DefaultFailureConverter,
  defaultPayloadConverter,
  ensureApplicationFailure,
} from '@temporalio/common';
import { DomainError } from '@app/domain';
import { MailUnavailableError } from '@app/mail';
import { failingForGood } from './activity-failures';

/** What Temporal's worker records of an activity that threw `error`, in the workflow's history. */
function recorded(error: unknown): string {
  return JSON.stringify(
    new DefaultFailureConverter().errorToFailure(ensureApplicationFailure(error), defaultPayloadConverter),
  );
}

async function failureOf(activity: () => Promise<unknown>): Promise<unknown> {
  return activity().then(
    () => {
      throw new Error('expected the activity to fail');
    },
    (error: unknown) => error,
  );
}

describe(failingForGood.name, () => {
  it('turns a domain error into a non-retryable failure typed by its code', async () => {
    const activity = failingForGood(async () => {
      throw new DomainError('invalid_state', 'the case is closed');
    });
    const failure = await failureOf(activity);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      nonRetryable: true,
      type: 'invalid_state',
      message: 'the case is closed',
    });
  });

  it('leaves other errors retryable, as they are', async () => {
    const outage = new Error('connect ECONNREFUSED');
    await expect(failingForGood(async () => Promise.reject(outage))()).rejects.toBe(outage);
  });

  it('keeps a mail that could not go out retryable, recorded as mail_unavailable and nothing more', async () => {
    const failure = await failureOf(failingForGood(async () => Promise.reject(new MailUnavailableError())));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: false, type: 'mail_unavailable' });

    // All of it, but for the stack of frames: the generic sentence and the type; no cause, no details.
    const { stackTrace: _stack, ...history } = JSON.parse(recorded(failure)) as Record<string, unknown>;
    expect(history).toEqual({
      message: new MailUnavailableError().message,
      source: 'TypeScriptSDK',
      applicationFailureInfo: { type: 'mail_unavailable', nonRetryable: false },
    });
  });

  it('passes results through', async () => {
    await expect(failingForGood(async (n: number) => n * 2)(21)).resolves.toBe(42);
  });
});
