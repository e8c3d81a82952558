import { bundleWorkflowCode, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { RECOVERY_WORKFLOW_TYPE } from '@app/workflows/recovery.messages';
import { testInfrastructure } from '../support/test-infrastructure';
import {
  addressesIn,
  payloadTextsOf,
  readHistoryFixtures,
  RECORDED_PATHS,
  workflowResultOf,
  type HistoryFixture,
} from './history-fixtures';

// Every recorded history of the recovery workflow (test/workflows/histories/, sub-folders included) is
// replayed against the workflow code as it is now: a change that would break cases in flight fails here.
// Re-record on purpose only: `npm run workflow:record-histories` (see the README).

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`bundler: ${message}\n`),
  log: () => undefined,
};

/** Replays the fixtures one after the other on one replay worker; answers "name: error" per failure. */
async function replayFailures(
  bundle: WorkflowBundleOption,
  fixtures: readonly HistoryFixture[],
): Promise<string[]> {
  const failures: string[] = [];
  const replayed = new Set<string>();
  const histories = fixtures.map(({ name, history }) => ({ workflowId: name, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
    replayed.add(result.workflowId);
    if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
  }
  // A replay that stopped early must not pass for one that found nothing wrong.
  for (const { name } of fixtures) if (!replayed.has(name)) failures.push(`${name}: not replayed`);
  return failures;
}

describe(`${RECOVERY_WORKFLOW_TYPE} replay`, () => {
  const fixtures = readHistoryFixtures();
  const current = fixtures.filter(({ name }) => !name.includes('/'));

  it('has one recorded history for every path, each run to its end', () => {
    expect(current.map(({ name }) => name).sort()).toEqual(Object.keys(RECORDED_PATHS).sort());
    for (const { name, history } of fixtures) {
      const ended = workflowResultOf(history);
      const expected: unknown =
        name in RECORDED_PATHS ? RECORDED_PATHS[name as keyof typeof RECORDED_PATHS] : expect.any(String);
      expect([name, ended]).toEqual([name, expected]);
    }
  });

  it('replays every recorded history against the current workflow code', async () => {
    const bundle = { codePath: testInfrastructure().workflowBundlePath };
    expect(await replayFailures(bundle, fixtures)).toEqual([]);
  });

  it('fails a history that the workflow code no longer fits, naming the path', async () => {
    const reordered = await bundleWorkflowCode({
      workflowsPath: require.resolve('./reordered-recovery.workflow'),
      logger: quietBundlerLogger,
    });
    const emailApproved = current.find(({ name }) => name === 'email-approved');
    if (!emailApproved) throw new Error('no email-approved history');

    await expect(
      Worker.runReplayHistory({ workflowBundle: reordered }, emailApproved.history, emailApproved.name),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
    expect(await replayFailures(reordered, [emailApproved])).toEqual([
      expect.stringMatching(/^email-approved: DeterminismViolationError: .*sendAccessLink/),
    ]);
  });

  it('keeps no mail address in any history', () => {
    for (const { name, json } of fixtures) {
      expect([name, addressesIn([JSON.stringify(json), ...payloadTextsOf(json)])]).toEqual([name, []]);
    }
  });
});
