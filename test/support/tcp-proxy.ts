// A TCP proxy between the service and PostgreSQL or Temporal, to make either go away and come back as
// the processes see it: while it refuses, nothing listens on its port (a connect is refused, as to a stopped
// server) and every connection it carried is cut; then it listens on the same port again.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly open = new Set<Socket>();
  // The processes' ends of the open connections (the others lead to PostgreSQL).
  private readonly clients = new WeakSet<Socket>();
  private currentPort = 0;
  /** Connections carried so far, and those cut by refuse(). */
  readonly counts = { accepted: 0, cut: 0 };

  constructor(
    /** Where connections lead: set before the first one (by the stack's database URL, say). */
    public target: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
    private readonly host = '127.0.0.1',
  ) {}

  /** Listens (on a free port the first time, on the same port after refuse()). */
  async accept(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.carry(client));
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(this.currentPort, this.host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    this.currentPort = address.port;
    this.server = server;
  }

  /** Stops listening and cuts every open connection: PostgreSQL is away until accept(). */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((done) => server.close(() => done())) : Promise.resolve();
    for (const socket of [...this.open]) {
      if (this.clients.has(socket)) this.counts.cut += 1;
      socket.destroy();
    }
    this.open.clear();
    await closed;
  }

  get port(): number {
    if (this.currentPort === 0) throw new Error('the proxy has no port before accept()');
    return this.currentPort;
  }

  /** `url` (a postgres:// URL) with the proxy's host and port in place of the server's. */
  urlThrough(url: string): string {
    const through = new URL(url);
    through.hostname = this.host;
    through.port = String(this.port);
    return through.toString();
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private carry(client: Socket): void {
    this.counts.accepted += 1;
    this.clients.add(client);
    const upstream = createConnection(this.target);
    const pair = [client, upstream];
    for (const socket of pair) {
      this.open.add(socket);
      socket.setNoDelay(true);
      // A cut connection ends its partner; errors are what a cut looks like, nobody waits for them.
      socket.on('error', () => undefined);
      socket.once('close', () => {
        this.open.delete(socket);
        for (const other of pair) if (other !== socket) other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
