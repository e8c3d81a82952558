import { execFileSync } from 'node:child_process';

/** The commit a measurement ran on, and the tracked files changed on top of it. */
export interface MeasuredCommit {
  commit: string;
  changedFiles: string[];
}

/** So that a before and an after run can be told apart; undefined outside a git checkout. */
export function measuredCommit(root: string): MeasuredCommit | undefined {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changedFiles: git('diff', '--name-only', 'HEAD').split('\n').filter(Boolean),
    };
  } catch {
    return undefined;
  }
}
