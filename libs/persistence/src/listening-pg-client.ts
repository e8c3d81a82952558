import { Client } from 'pg';

/**
 * node-postgres' client, listening for its `error` event from the moment it is made. PostgreSQL ending a
 * connection (pg_terminate_backend, a restart, a failover) emits `error` on its client, and an `error`
 * nobody listens for ends the process. TypeORM listens only while a query runner holds the client (and
 * drops its listener on the first error), the pool only while it is idle: a client between the two, or
 * one that hears of its end twice, took the whole worker down (found by the fault suite). The query that
 * was running fails as it should, and the pool throws the client away.
 */
export class ListeningPgClient extends Client {
  constructor(...options: ConstructorParameters<typeof Client>) {
    super(...options);
    this.on('error', () => undefined);
  }
}
