import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReachableBy, EmbeddedPostgresUnreachableError } from './postgres-user-access';

describe(assertReachableBy.name, () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'reachable-'));
    await mkdir(join(root, 'checkout', 'node_modules'), { recursive: true });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('accepts folders everyone may enter', async () => {
    await chmod(root, 0o755);
    await expect(
      assertReachableBy('postgres', [join(root, 'checkout', 'node_modules')]),
    ).resolves.toBeUndefined();
  });

  it('names the private folder on the way and says how to fix it', async () => {
    await chmod(root, 0o700);
    const nobodyElse = process.getuid?.() === 0 ? 'postgres' : 'nobody';
    await expect(assertReachableBy(nobodyElse, [join(root, 'checkout', 'node_modules')])).rejects.toThrow(
      `cannot enter ${root} (mode 700). Either allow it (chmod o+x ${root})`,
    );
  });

  it('throws an error of its own kind, so that npm run dev can fall back to another server', async () => {
    await chmod(root, 0o700);
    const nobodyElse = process.getuid?.() === 0 ? 'postgres' : 'nobody';
    await expect(assertReachableBy(nobodyElse, [join(root, 'checkout')])).rejects.toBeInstanceOf(
      EmbeddedPostgresUnreachableError,
    );
  });
});
