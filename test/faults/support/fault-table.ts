// The suite's table: one row per fault, printed at the end of the run and written as JSON to
// bench-results/faults-<time>.json (or FAULT_RESULTS), with the evidence behind every count.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FaultResult } from './fault-checks';
import type { FaultProfile } from './fault-profile';

const ROOT = resolve(__dirname, '..', '..', '..');

const COLUMNS = [
  'fault',
  'cases',
  'end states matching',
  'duplicate side effects',
  'lost mails',
  'failed workflows',
  'notes',
] as const;

/** The table as text: a header, a rule, one line per fault; then each finding under its fault. */
export function faultTable(results: readonly FaultResult[]): string {
  const rows = results.map((r) => [
    r.fault,
    String(r.cases),
    `${r.matching}/${r.cases}`,
    String(r.duplicates.length),
    String(r.lost.length),
    String(r.failedWorkflows.length),
    `${r.seconds} s; ${r.notes.join('; ')}`,
  ]);
  const widths = COLUMNS.map((title, i) =>
    i === COLUMNS.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, i) => (i === 0 || i === COLUMNS.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const text = [line(COLUMNS), line(widths.map((w) => '-'.repeat(Math.max(w, 3)))), ...rows.map(line)];
  for (const r of results) {
    const findings = [
      ...r.mismatches.map((m) => `not as a fault-free run: ${m}`),
      ...r.duplicates.map((d) => `side effect beyond a fault-free run: ${d}`),
      ...r.lost.map((l) => `lost: ${l}`),
      ...r.failedWorkflows.map((w) => `workflow: ${w}`),
    ];
    if (findings.length === 0) continue;
    text.push('', `${r.fault}:`, ...findings.map((f) => `  ${f}`));
    if (r.logged.length > 0) text.push('  logged meanwhile:', ...r.logged.map((l) => `    ${l}`));
  }
  return text.join('\n');
}

/** Where the histories of a fault's troubled workflows go: beside the results, a folder per fault. */
export function historiesDir(startedAt: Date, fault: string): string {
  const run = startedAt.toISOString().replace(/[:.]/g, '-');
  const slug = fault
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return join(ROOT, 'bench-results', `faults-${run}-histories`, slug);
}

/** Writes the results as JSON; answers the file's path. */
export async function writeFaultResults(
  profile: FaultProfile,
  results: readonly FaultResult[],
  startedAt: Date,
): Promise<string> {
  const file =
    process.env.FAULT_RESULTS ||
    join(ROOT, 'bench-results', `faults-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  await mkdir(dirname(file), { recursive: true });
  const document = {
    bench: 'faults',
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg() },
    profile,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    results,
  };
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}
