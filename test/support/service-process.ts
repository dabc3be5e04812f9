import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Role } from '#domain';
import { loadConfig } from '#runtime';
import { tokenLimitsOf } from '../../apps/api/src/auth/token-claims.js';
import { TokenService } from '../../apps/api/src/auth/token-service.js';
import { Client } from './test-app.js';

const API_MAIN = 'dist/apps/api/src/main.js';
const PROJECTOR_MAIN = 'dist/apps/projector/src/main.js';
export const TEST_JWT_SECRET = 'crash-recovery-tests-secret-0123456789abcdef';

/**
 * The compiled service as a real operating-system process (what `npm start` runs), so a
 * test can SIGKILL it at any moment. `npm test` builds `dist/` first.
 */
export class ServiceProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly output: string[],
    /** Its Prometheus metrics: the API's own metrics port, the projector's one port. */
    readonly metricsUrl: string,
  ) {}

  /** The API (apps/api), with its metrics on a port of its own (METRICS_PORT). */
  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const metricsPort = await freePort();
    return ServiceProcess.spawn(API_MAIN, 'PORT', dataDir, { METRICS_PORT: String(metricsPort), ...env }, () => `http://127.0.0.1:${env.METRICS_PORT ?? metricsPort}/metrics`);
  }

  /** The projector as its own process (apps/projector); its port serves /health and /metrics. */
  static startProjector(dataDir: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    return ServiceProcess.spawn(PROJECTOR_MAIN, 'PROJECTOR_PORT', dataDir, env, (port) => `http://127.0.0.1:${port}/metrics`);
  }

  private static async spawn(
    main: string,
    portVariable: string,
    dataDir: string,
    env: Record<string, string>,
    metricsUrl: (port: number) => string,
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, DATA_DIR: dataDir, [portVariable]: String(port), HOST: '127.0.0.1', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`, output, metricsUrl(port));
    await service.waitUntilHealthy();
    return service;
  }

  async as(subject: string, ...roles: Role[]): Promise<Client> {
    return new Client(this.baseUrl, await this.token(subject, ...roles));
  }

  /** A bearer token the service accepts (signed with the secret it was started with). */
  async token(subject: string, ...roles: Role[]): Promise<string> {
    return this.tokens().mint(subject, roles);
  }

  /** A donor's client whose token names its organisation (the claim of GET /funding/my-contributions). */
  async donorOf(subject: string, organisation: string): Promise<Client> {
    return new Client(this.baseUrl, await this.tokens().mint(subject, ['donor'], undefined, { organisation }));
  }

  private tokens(): TokenService {
    // The service runs with this process's environment: the same audience and maximum lifetime.
    const limits = tokenLimitsOf(loadConfig({ JWT_AUDIENCE: process.env.JWT_AUDIENCE, JWT_MAX_TTL: process.env.JWT_MAX_TTL }));
    return new TokenService(new TextEncoder().encode(TEST_JWT_SECRET), limits);
  }

  async health(): Promise<{
    status: string;
    projections: { projection: string; state?: string; checkpoint: string; eventsBehind: number; secondsBehind: number }[];
  }> {
    return (await fetch(`${this.baseUrl}/health`)).json() as Promise<never>;
  }

  async metrics(): Promise<string> {
    return (await fetch(this.metricsUrl)).text();
  }

  /** Resolves when the process has ended, however (e.g. killed by an armed fault point). */
  async exited(): Promise<void> {
    if (this.gone()) return;
    await once(this.child, 'exit');
  }

  /** No goodbye: the process dies wherever it is (mid-request, mid-transaction). */
  async kill(): Promise<void> {
    if (this.gone()) return;
    this.child.kill('SIGKILL');
    await once(this.child, 'exit');
  }

  /** A graceful stop (SIGTERM): the service finishes what it is doing and closes its store. */
  async stop(): Promise<void> {
    if (this.gone()) return;
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
  }

  /** Whether it is gone: exited, or killed by a signal (a fault point kills itself). */
  private gone(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  log(): string {
    return this.output.join('');
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}:\n${this.log()}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error(`the service did not become healthy:\n${this.log()}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
