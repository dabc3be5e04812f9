import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { Role } from '#domain';
import { createApp } from '../../apps/api/src/app.factory.js';
import { TokenService } from '../../apps/api/src/auth/token-service.js';
import { MetricsModule } from '../../apps/api/src/metrics/metrics.module.js';
import { loadConfig, type AppConfig } from '#runtime';
import { formatPosition, type EventStore } from '#event-store';
import { Projector } from '#read-models';
import { EVENT_STORE } from '../../apps/api/src/storage/tokens.js';

/**
 * The real application, started on a random loopback port, over a real embedded store in
 * a fresh temporary data directory. Requests go over real HTTP, so concurrent requests are
 * really concurrent.
 */
export class TestApp {
  private constructor(
    private app: INestApplication,
    readonly config: AppConfig,
    readonly baseUrl: string,
  ) {}

  /**
   * No metrics port unless `env` asks for one (several apps run at once); `logDestination`
   * receives the app's log lines (else they are silenced). The fund keeps UTC unless `env`
   * says otherwise, so that the tests' utcToday() is the fund's today (ADR 0019).
   */
  static async start(options: { dataDir?: string; env?: Record<string, string>; logDestination?: DestinationStream } = {}): Promise<TestApp> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'portfolio-ledger-e2e-')));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', METRICS_PORT: '0', FUND_TIME_ZONE: 'UTC', ...options.env });
    const app = await createApp(config, options.logDestination ? { logDestination: options.logDestination } : { logger: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new TestApp(app, config, `http://127.0.0.1:${address.port}`);
  }

  /** Stops the app; the data directory stays (for restart tests) unless `removeData`. */
  async stop(options: { removeData?: boolean } = { removeData: true }): Promise<void> {
    await this.app.close();
    if (options.removeData) await rm(this.config.dataDir, { recursive: true, force: true });
  }

  /** Where the app serves its Prometheus metrics, when METRICS_PORT was given. */
  get metricsUrl(): string | undefined {
    return this.app.get(MetricsModule).url;
  }

  async token(subject: string, ...roles: Role[]): Promise<string> {
    return this.app.get(TokenService).mint(subject, roles);
  }

  /** A donor's client whose token names its organisation (the claim of GET /funding/my-contributions). */
  async donorOf(subject: string, organisation: string): Promise<Client> {
    return new Client(this.baseUrl, await this.app.get(TokenService).mint(subject, ['donor'], undefined, { organisation }));
  }

  /** A client acting as `subject` in `roles`. */
  async as(subject: string, ...roles: Role[]): Promise<Client> {
    return new Client(this.baseUrl, await this.token(subject, ...roles));
  }

  /**
   * The event store's last global position, as a string: it moves with every event
   * appended and with nothing else, so equal before and after a request means the request
   * recorded nothing.
   */
  async eventStoreHead(): Promise<string> {
    const head = await this.eventStore().headPosition();
    return head === undefined ? 'empty' : formatPosition(head);
  }

  /** The event store the app writes to, for a test that must write what no command writes. */
  eventStore(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** The projector running in this process: a test may stop it to hold the views back. */
  projector(): Projector {
    return this.app.get(Projector);
  }

  anonymous(): Client {
    return new Client(this.baseUrl, undefined);
  }
}

export interface Reply<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  get<Body = any>(path: string, headers: Record<string, string> = {}): Promise<Reply<Body>> {
    return this.request('GET', path, undefined, headers);
  }

  post<Body = any>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Reply<Body>> {
    return this.request('POST', path, body, headers);
  }

  async request<Body = any>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply<Body>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
}
