import { readFile } from 'node:fs/promises';

// Linux's USER_HZ: /proc counts CPU time in these ticks on every architecture Node runs on.
const TICKS_PER_SECOND = 100;

/**
 * The CPU time `pid` used since it started, user and system, in seconds, its children that ended included
 * (the worker's PDF parsers); undefined once the process is gone.
 */
export async function cpuSecondsOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // After the name in parentheses: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
  return ticks / TICKS_PER_SECOND;
}

/**
 * The CPU time of processes that come and go (a database's connections), from samples taken now and then:
 * what each used between the samples that saw it, and all of it for one first seen after the first sample.
 * A process that ends between two samples loses what it used since the last one.
 */
export class SampledCpu {
  private readonly byPid = new Map<number, { first: number; last: number }>();
  private sampled = false;

  async sample(pids: readonly number[]): Promise<void> {
    const seconds = await Promise.all(pids.map((pid) => cpuSecondsOf(pid)));
    pids.forEach((pid, i) => {
      const now = seconds[i];
      if (now === undefined) return;
      const known = this.byPid.get(pid);
      if (known) known.last = now;
      else this.byPid.set(pid, { first: this.sampled ? 0 : now, last: now });
    });
    this.sampled = true;
  }

  /** CPU seconds used since the first sample, as far as the samples saw. */
  get seconds(): number {
    return [...this.byPid.values()].reduce((sum, { first, last }) => sum + last - first, 0);
  }
}
