import { DataSource } from 'typeorm';
import { dataSourceOptions, isDatabaseUnavailable } from '@app/persistence';
import { openTestDatabase } from '../support/database';
import { testInfrastructure } from '../support/test-infrastructure';

// PostgreSQL ending the service's connections (pg_terminate_backend, a restart, a failover) while queries
// and transactions run: each one cut fails as "unavailable" (the api answers 503, an activity is tried
// again), the process lives on, and the pool opens new connections. Found by the fault suite: a worker
// died of an `error` event of node-postgres' client that nobody listened for (see ListeningPgClient).
describe("the service's PostgreSQL connections cut", () => {
  const APPLICATION = 'econnect-recovery-cut-test';
  let service: DataSource;
  let admin: DataSource;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => void crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtExceptionMonitor', onCrash);
    [service, admin] = await Promise.all([
      new DataSource(dataSourceOptions(testInfrastructure().databaseUrl, APPLICATION)).initialize(),
      openTestDatabase(),
    ]);
  });

  afterAll(async () => {
    process.off('uncaughtExceptionMonitor', onCrash);
    await Promise.all([service.destroy(), admin.destroy()]);
  });

  /** Ends every connection of the service's data source. */
  const cut = (): Promise<unknown> =>
    admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
      APPLICATION,
    ]);
  const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

  it('fails what was cut as unavailable, again and again, and runs what comes after', async () => {
    const failures: unknown[] = [];
    let done = 0;
    let stop = false;
    // Queries and transactions (with a pause between their queries) on twice as many loops as the pool
    // has connections, so that some wait for one and some connect while the cuts come.
    const loops = Array.from({ length: 20 }, async (_, loop) => {
      while (!stop) {
        const work =
          loop % 2 === 0
            ? service.query('SELECT pg_sleep(0.01)')
            : service.transaction(async (manager) => {
                await manager.query('SELECT 1');
                await pause(Math.random() * 20);
                await manager.query('SELECT 2');
              });
        await work.then(
          () => void (done += 1),
          (error: unknown) => void failures.push(error),
        );
      }
    });
    for (let round = 0; round < 60; round += 1) {
      await pause(Math.random() * 40);
      await cut();
    }
    stop = true;
    await Promise.all(loops);

    expect(crashes).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    const notUnavailable = failures.filter((error) => !isDatabaseUnavailable(error));
    expect(notUnavailable.map((error) => String(error))).toEqual([]);
    expect(done).toBeGreaterThan(0);
    // A connection cut while idle is noticed when next used: at most one more query fails on it.
    const one = (): Promise<unknown> => service.query('SELECT 1 AS one');
    const after = await one().catch(one);
    expect(after).toEqual([{ one: 1 }]);
  });
});
