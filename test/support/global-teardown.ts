import { stopInfrastructure, type StartedInfrastructure } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __testInfrastructure?: StartedInfrastructure }).__testInfrastructure;
  if (started) await stopInfrastructure(started);
}
