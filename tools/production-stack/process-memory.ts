import { readdir, readFile, readlink } from 'node:fs/promises';
import { basename } from 'node:path';

/** The resident memory of a service process (Linux: read from /proc). */
export interface ProcessMemory {
  /**
   * The node process measured: the pid asked about when it is node itself, else its first node descendant
   * (when it was started through a wrapper: npx, a shell, ts-node's bin).
   */
  nodePid: number;
  /** VmRSS of that node process, in bytes. */
  rssBytes: number;
  /**
   * VmRSS of the pid asked about and all its descendants added up (the worker's PDF parser children, say),
   * in bytes; pages they share are counted once per process.
   */
  treeRssBytes: number;
  /** How many processes that tree holds. */
  processes: number;
}

/** The memory of `pid` and its descendants; undefined once the process is gone. */
export async function processMemory(pid: number): Promise<ProcessMemory | undefined> {
  const tree = await processTree(pid);
  const sizes = await Promise.all(tree.map((member) => rssBytesOf(member)));
  const nodePid = (await firstNodeProcess(tree)) ?? pid;
  const rssBytes = sizes[tree.indexOf(nodePid)];
  if (rssBytes === undefined) return undefined;
  return {
    nodePid,
    rssBytes,
    treeRssBytes: sizes.reduce<number>((sum, bytes) => sum + (bytes ?? 0), 0),
    processes: tree.length,
  };
}

/** `pid` first, then its descendants, parents before children (read from every /proc/<pid>/stat). */
async function processTree(pid: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = await parentOf(Number(entry));
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i] ?? -1) ?? []));
  return tree;
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The name in parentheses may hold spaces: the fields after the last ')' are state, then the parent.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[1] === undefined ? undefined : Number(fields[1]);
}

async function rssBytesOf(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kilobytes = status === undefined ? undefined : /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
}

async function firstNodeProcess(tree: readonly number[]): Promise<number | undefined> {
  for (const pid of tree) {
    const executable = await readlink(`/proc/${pid}/exe`).catch(() => '');
    if (/^node(js)?\b/.test(basename(executable))) return pid;
  }
  return undefined;
}
