import { createServer, connect as connectTcp, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test server, so that a test can take "the server" away
 * without touching the real server that other test files use: `stop` resets every
 * connection and refuses new ones (a restart); `silence` keeps every socket open and
 * forwards nothing, new connections included (a network partition), until `resume`.
 */
export class ServerProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<readonly [Socket, Socket]>();
  private silent = false;
  port = 0;

  constructor(private readonly upstream: { host: string; port: number }) {}

  /** In front of the server of `databaseUrl`. */
  static for(databaseUrl: string): ServerProxy {
    const url = new URL(databaseUrl);
    return new ServerProxy({ host: url.hostname, port: Number(url.port || 5432) });
  }

  async start(): Promise<void> {
    const server = createServer((downstream) => {
      const upstream = connectTcp(this.upstream.port, this.upstream.host);
      const pair = [downstream, upstream] as const;
      this.pairs.add(pair);
      for (const socket of pair) {
        socket.on('close', () => this.pairs.delete(pair));
        socket.on('error', () => {
          downstream.destroy();
          upstream.destroy();
        });
      }
      if (!this.silent) forward(pair);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The server is gone: every connection reset, new ones refused. */
  async stop(): Promise<void> {
    for (const pair of this.pairs) for (const socket of pair) socket.resetAndDestroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A partition: every socket stays open, nothing is forwarded either way. */
  silence(): void {
    this.silent = true;
    for (const [downstream, upstream] of this.pairs) {
      downstream.unpipe(upstream);
      upstream.unpipe(downstream);
      downstream.pause();
      upstream.pause();
    }
  }

  /** The partition heals: what was held back is delivered, and forwarding goes on. */
  resume(): void {
    if (!this.silent) return;
    this.silent = false;
    for (const pair of this.pairs) forward(pair);
  }

  /** `databaseUrl` through this proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }
}

function forward([downstream, upstream]: readonly [Socket, Socket]): void {
  downstream.pipe(upstream);
  upstream.pipe(downstream);
}
