import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '@app/config';

/** The file `npm run build` writes next to the worker's main.js. */
export const PREBUILT_BUNDLE_NAME = 'workflow-bundle.js';

/**
 * Where the worker gets its workflow code: WORKFLOW_BUNDLE_PATH, else the bundle built ahead of time
 * next to main.js (production), else the sources, bundled at start (development from source).
 */
export function workflowSource(config: AppConfig): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (config.workflowBundlePath) return { workflowBundle: { codePath: resolve(config.workflowBundlePath) } };
  const prebuilt = join(__dirname, PREBUILT_BUNDLE_NAME);
  if (existsSync(prebuilt)) return { workflowBundle: { codePath: prebuilt } };
  if (config.isProduction) {
    throw new Error(`No workflow bundle at ${prebuilt}: run "npm run build", or set WORKFLOW_BUNDLE_PATH`);
  }
  return { workflowsPath: require.resolve('../../../workflows') };
}
