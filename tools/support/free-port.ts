import { createServer } from 'node:net';

/**
 * Asks the OS for a currently unused TCP port on `host`. The port is released before returning, so another
 * process could take it in between; callers that start a server on it should fail loudly if it is taken.
 */
/** `preferred` when nothing listens on it (stable URLs between runs), else any free port. */
export async function preferredOrFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  const available = await new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen({ host, port: preferred, exclusive: true }, () => probe.close(() => resolve(true)));
  });
  return available ? preferred : freePort(host);
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`Could not determine a free port on ${host}`));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}
