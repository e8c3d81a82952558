import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** True when `path` is a regular file the current user may execute. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds `name` on PATH like `which` does; undefined when it is not there. */
export async function findOnPath(
  name: string,
  pathVariable = process.env['PATH'] ?? '',
): Promise<string | undefined> {
  for (const dir of pathVariable.split(delimiter)) {
    // An empty PATH entry means the current directory; skipping it avoids running a binary from the repo by accident.
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
