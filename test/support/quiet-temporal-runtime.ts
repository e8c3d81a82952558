import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs worker state changes at INFO; tests want warnings and errors only.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed for this process by an earlier test file.
}
