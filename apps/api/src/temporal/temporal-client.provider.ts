import { Client, Connection } from '@temporalio/client';
import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '@app/config';

/**
 * One Temporal client per process. The connection is lazy: the API starts (and answers the readiness
 * probe with "not ready") while Temporal is still coming up.
 */
export const temporalConnectionProvider: FactoryProvider<Connection> = {
  provide: Connection,
  inject: [AppConfig],
  // A short connect timeout: a request (or probe) waiting on an absent Temporal fails fast and clearly.
  useFactory: (config: AppConfig) =>
    Connection.lazy({ address: config.temporal.address, connectTimeout: config.temporal.connectTimeoutMs }),
};

export const temporalClientProvider: FactoryProvider<Client> = {
  provide: Client,
  inject: [Connection, AppConfig],
  useFactory: (connection: Connection, config: AppConfig) =>
    new Client({ connection, namespace: config.temporal.namespace }),
};
