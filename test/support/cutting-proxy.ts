import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';

/** ReadyForQuery ('Z', length 5): the server finished the statement, its transaction committed. */
const READY_FOR_QUERY = Buffer.from([0x5a, 0, 0, 0, 5]);

/**
 * A TCP proxy between the API and PostgreSQL that can cut one connection at the worst
 * moment: once armed, the next connection that sends an append (`append_events`) has it forwarded and committed, and then — instead of the server's
 * answer — the connection is closed. The client sees a dropped connection for a write
 * that took effect: what a network cut or `pg_terminate_backend` right after COMMIT does.
 */
export class CuttingProxy {
  private armed = false;
  private cut: (() => void) | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(target: { host: string; port: number }): Promise<CuttingProxy> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const proxy = new CuttingProxy(server, (server.address() as { port: number }).port);
    server.on('connection', (client) => proxy.relay(client, target));
    return proxy;
  }

  /** Cuts the next append's connection after it commits; resolves when it has. */
  cutAfterNextAppend(): Promise<void> {
    this.armed = true;
    return new Promise((resolve) => (this.cut = resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  private relay(client: Socket, target: { host: string; port: number }): void {
    const server = connect(target.port, target.host);
    this.sockets.add(client).add(server);
    let cutting = false;
    let replied = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      if (this.armed && /append_events/.test(chunk.toString('latin1'))) {
        this.armed = false;
        cutting = true;
      }
      server.write(chunk);
    });
    server.on('data', (chunk: Buffer) => {
      if (!cutting) return void client.write(chunk);
      // Swallow the answer; close both ends once the server says the statement is done.
      replied = Buffer.concat([replied, chunk]);
      if (replied.includes(READY_FOR_QUERY)) {
        client.destroy();
        server.destroy();
        this.cut?.();
      }
    });
    const end = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  }
}
