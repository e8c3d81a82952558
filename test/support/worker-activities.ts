import { Test, type TestingModule } from '@nestjs/testing';
import type { AppConfig } from '@app/config';
import type { WorkerActivities } from '@app/workflows/activities.contract';
import { RecoveryActivitiesRegistry } from '../../apps/worker/src/activities/recovery-activities';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { CapturedMail } from '../../tools/mail-catcher/captured-mail';
import { MailCatcher } from '../../tools/mail-catcher/mail-catcher';
import { testConfig } from './test-config';

export interface WorkerActivitiesContext {
  config: AppConfig;
  /** The worker's Nest providers, for what a set-up needs of them (SecretBox, SecretHasher...). */
  worker: TestingModule;
  /** The activities exactly as the Temporal worker registers them (domain errors made non-retryable). */
  activities: WorkerActivities;
  /** The real SMTP server the worker's Mailer sends to. */
  mail: MailCatcher;
  close(): Promise<void>;
}

/**
 * The worker's providers without the Temporal worker (its service is an empty object, so nothing connects
 * to Temporal or polls a task queue), mailing to an in-process SMTP server: for calling activities
 * directly, as Temporal would, including twice.
 */
export async function startWorkerActivities(env: NodeJS.ProcessEnv = {}): Promise<WorkerActivitiesContext> {
  const mail = new MailCatcher();
  await mail.start();
  const config = testConfig({ SMTP_URL: mail.smtpUrl, ...env });
  const worker = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
    .overrideProvider(TemporalWorkerService)
    .useValue({})
    .compile();
  await worker.init();
  return {
    config,
    worker,
    activities: worker.get(RecoveryActivitiesRegistry).activities(),
    mail,
    async close() {
      await worker.close();
      await mail.stop();
    },
  };
}

/** The mails the catcher received after `mark` (the id of the last mail before, or 0). */
export function mailsAfter(mail: MailCatcher, mark: number): CapturedMail[] {
  return mail.mails.filter((captured) => captured.id > mark);
}

/** The id of the latest mail received so far (0 when none): pass it to {@link mailsAfter}. */
export function lastMailId(mail: MailCatcher): number {
  return mail.mails.at(-1)?.id ?? 0;
}
