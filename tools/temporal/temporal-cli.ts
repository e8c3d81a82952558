import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { findOnPath, isExecutableFile } from '../support/executable';

/**
 * Pinned because v1.6.0 and later carry a `replace` directive in go.mod, which `go install pkg@version` refuses.
 * v1.5.1 needs Go >= 1.25 and bundles Temporal server 1.29.1.
 */
const TEMPORAL_CLI_VERSION = '1.5.1';

const TEMPORAL_CLI_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const VERSION_LDFLAG = 'github.com/temporalio/cli/temporalcli.Version';
const BUILD_DIR_PREFIX = '.build-';
// A build directory older than this belongs to a build that was killed, not to one still running.
const STALE_BUILD_MS = 60 * 60 * 1000;
const HEARTBEAT_MS = 30_000;

const execFileAsync = promisify(execFile);

/**
 * Where a self-built CLI lives: outside the repository, so a fresh clone (CI) on the same machine reuses it.
 */
function temporalCliCacheDir(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  // The XDG spec says to ignore relative paths; an empty value counts as unset.
  const cacheHome = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(cacheHome, 'econnect-recovery', `temporal-${TEMPORAL_CLI_VERSION}`);
}

/**
 * Returns the path of a usable `temporal` binary: $TEMPORAL_CLI, else `temporal` on PATH, else the cached
 * build, else builds one with Go into the cache (a few minutes, once per machine).
 */
export async function ensureTemporalCli(log: (msg: string) => void = console.log): Promise<string> {
  const fromEnv = process.env['TEMPORAL_CLI'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const path = resolve(fromEnv);
    if (!(await isExecutableFile(path))) {
      throw new Error(`TEMPORAL_CLI is set to ${path}, which is not an executable file.`);
    }
    return path;
  }

  const onPath = await findOnPath('temporal');
  if (onPath !== undefined) return onPath;

  const cacheDir = temporalCliCacheDir();
  const cached = join(cacheDir, 'temporal');
  if (await isExecutableFile(cached)) return cached;

  const go = await findOnPath('go');
  if (go === undefined) {
    throw new Error(
      [
        `No Temporal CLI found: TEMPORAL_CLI is not set, there is no \`temporal\` on PATH, no cached build at ${cached},`,
        'and no `go` on PATH to build one. Either:',
        `  - install Go >= 1.25 (https://go.dev/dl/), put it on PATH and rerun; the first run builds temporal v${TEMPORAL_CLI_VERSION}`,
        `    into ${cacheDir} (a few minutes, once per machine; \`npm run temporal:provision\` does only that), or`,
        `  - set TEMPORAL_CLI to the path of a temporal v${TEMPORAL_CLI_VERSION} binary.`,
      ].join('\n'),
    );
  }

  return buildTemporalCli(go, cacheDir, log);
}

async function buildTemporalCli(go: string, cacheDir: string, log: (msg: string) => void): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  await removeStaleBuildDirs(cacheDir);
  // Build next to the final path (same filesystem) so the rename below is atomic: a killed build leaves
  // only a build directory behind, never a half-written `temporal`.
  const buildDir = await mkdtemp(join(cacheDir, BUILD_DIR_PREFIX));
  try {
    log(
      `Building Temporal CLI v${TEMPORAL_CLI_VERSION} with ${go} into ${cacheDir} (takes a few minutes, once per machine)...`,
    );
    const started = Date.now();
    // go is silent while compiling; a sign of life keeps people (and CI watchdogs) from assuming a hang.
    const heartbeat = setInterval(
      () => log(`Still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)...`),
      HEARTBEAT_MS,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, CGO_ENABLED: '0', GOBIN: buildDir };
    let result: { code: number; output: string };
    try {
      result = await runGoInstall(go, env, log);
      if (result.code !== 0 && isChecksumDatabaseUnreachable(result.output)) {
        // The CLI's own go.sum still pins every dependency; only the lookup of the CLI module itself is skipped.
        log(
          'The Go checksum database (sum.golang.org) could not be reached; retrying once with GOSUMDB=off.',
        );
        result = await runGoInstall(go, { ...env, GOSUMDB: 'off' }, log);
      }
    } finally {
      clearInterval(heartbeat);
    }
    if (result.code !== 0) {
      throw new Error(
        `Building the Temporal CLI failed (go install exited with ${result.code}). temporal v${TEMPORAL_CLI_VERSION} ` +
          `needs Go >= 1.25 (found ${await goVersion(go)}). Alternatively set TEMPORAL_CLI to a temporal ` +
          `v${TEMPORAL_CLI_VERSION} binary.\nLast output:\n${lastLines(result.output, 20)}`,
      );
    }
    const built = join(buildDir, 'temporal');
    const { stdout } = await execFileAsync(built, ['--version']);
    log(`Built ${stdout.trim()} in ${Math.round((Date.now() - started) / 1000)} s.`);
    const target = join(cacheDir, 'temporal');
    await rename(built, target);
    return target;
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

async function runGoInstall(
  go: string,
  env: NodeJS.ProcessEnv,
  log: (msg: string) => void,
): Promise<{ code: number; output: string }> {
  const args = [
    'install',
    '-trimpath',
    '-ldflags',
    `-s -w -X ${VERSION_LDFLAG}=${TEMPORAL_CLI_VERSION}`,
    `${TEMPORAL_CLI_PACKAGE}@v${TEMPORAL_CLI_VERSION}`,
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(go, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onChunk = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') log(`[go] ${line}`);
    };
    child.stdout.on('data', onChunk);
    child.stderr.on('data', onChunk);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (pending.trim() !== '') log(`[go] ${pending}`);
      resolvePromise({ code: code ?? (signal !== null ? 128 : 1), output });
    });
  });
}

function isChecksumDatabaseUnreachable(output: string): boolean {
  // A checksum mismatch is a security error, not an outage: never retry that one without the database.
  if (/SECURITY ERROR|checksum mismatch/i.test(output)) return false;
  return /sum\.golang\.org|checksum database|GOSUMDB|verifying (module|go\.mod)/i.test(output);
}

async function goVersion(go: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(go, ['env', 'GOVERSION']);
    return stdout.trim();
  } catch {
    return 'an unknown Go version';
  }
}

async function removeStaleBuildDirs(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith(BUILD_DIR_PREFIX)) continue;
    const dir = join(cacheDir, name);
    const info = await stat(dir).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > STALE_BUILD_MS) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
