// Part of `npm run build`: the workflow code bundled ahead of time, next to the worker's main.js,
// so that production workers start without webpack and all run byte-identical workflow code.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PREBUILT_BUNDLE_NAME } from '../apps/worker/src/workflow-source';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const target = join(root, 'dist', 'apps', 'worker', PREBUILT_BUNDLE_NAME);
  const { code } = await bundleWorkflowCode({ workflowsPath: join(root, 'workflows', 'index.ts') });
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, code);
  console.log(`Workflow bundle written to ${target} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
