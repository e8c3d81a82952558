// Makes sure a Temporal CLI (with its dev server) is available, building it once if needed; prints its path.
import { ensureTemporalCli } from './temporal-cli';

async function main(): Promise<void> {
  const path = await ensureTemporalCli((msg) => console.error(msg));
  console.log(path);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
