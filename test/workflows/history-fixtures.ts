// The recorded histories of the recovery workflow: where they are kept, which paths there must be, and how
// they are read back for the replay test. Recorded by `npm run workflow:record-histories`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { CaseStatus } from '@app/domain';
import { historyFromJson } from './history-json';

/** The current recording, one JSON file per path; sub-folders keep earlier recordings (see the README). */
export const HISTORIES_DIR = join(__dirname, 'histories');

/** Every path the recorder takes, by the name of its file, with the status its workflow ends with. */
export const RECORDED_PATHS = {
  /** Email method, a second code asked for, approval, the cooling-off timer, the appointment. */
  'email-approved': 'completed',
  /** Extract method, the extract read, approval without cooling-off, the appointment. */
  'extract-approved': 'completed',
  /** An extract the reader refuses, then a good one, approval. */
  'unusable-document': 'completed',
  /** The agent asks for a new document, it is read, approval. */
  'new-document-requested': 'completed',
  /** An unmatched email-method case an agent links to an environment: the code follows, approval. */
  'staff-link': 'completed',
  /** An unmatched extract-method case an agent links: it keeps waiting for its extract, approval. */
  'staff-link-extract': 'completed',
  /** Email method, rejected by the agent. */
  rejected: 'rejected',
  /** Approved, someone of the environment objects during the cooling-off, back in review, rejected. */
  objection: 'rejected',
  /** The review SLA runs out (managers mailed), then the agent rejects. */
  'review-overdue': 'rejected',
  /** The requester cancels while the code is on its way. */
  cancelled: 'cancelled',
  'expired-awaiting-confirmation': 'expired',
  'expired-awaiting-email-code': 'expired',
  'expired-awaiting-document': 'expired',
  /** The approved organisation deleted by hand: the appointment needs attention; support retries it. */
  'needs-attention-retried': 'completed',
} as const satisfies Record<string, CaseStatus>;

export type RecordedPath = keyof typeof RECORDED_PATHS;

export interface HistoryFixture {
  /** The file's path under the histories folder, without `.json` (`email-approved`, `before-x/rejected`). */
  name: string;
  /** The file as stored (proto JSON: payload data in base64). */
  json: unknown;
  history: History;
}

/** Every history under `dir`, sub-folders included, in a stable order. */
export function readHistoryFixtures(dir = HISTORIES_DIR): HistoryFixture[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    return { name: file.replace(/\.json$/, ''), json, history: historyFromJson(json) };
  });
}

/** Is `value` a payload as proto JSON writes it: metadata and data, both base64? */
function isJsonPayload(value: object): value is { metadata: object; data: string } {
  return 'metadata' in value && 'data' in value && typeof value.data === 'string';
}

/**
 * The decoded text of every payload in a history's JSON (workflow input, activity inputs and results,
 * update arguments and answers): where personal data would be if anything put it into Temporal.
 */
export function payloadTextsOf(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(payloadTextsOf);
  if (typeof json !== 'object' || json === null) return [];
  if (isJsonPayload(json)) return [Buffer.from(json.data, 'base64').toString('utf8')];
  return Object.values(json).flatMap(payloadTextsOf);
}

/** Something that looks like a mail address (`@temporalio/worker@1.24.0+…`, the SDK's build id, does not). */
const MAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi;

/** The mail addresses found in these texts. */
export function addressesIn(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.match(MAIL_ADDRESS) ?? []);
}

/** What the workflow returned, read from the history's last event (undefined when it did not complete). */
export function workflowResultOf(history: History): unknown {
  const last = history.events?.at(-1);
  const payload = last?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  if (!payload?.data) return undefined;
  return JSON.parse(Buffer.from(payload.data).toString('utf8')) as unknown;
}
