import { once } from 'node:events';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { jest } from '@jest/globals';
import { nationalProposal } from './support/fixtures.js';
import { expectProblem } from './support/ledger.js';
import { TestApp } from './support/test-app.js';

/**
 * What an operator sees: Prometheus series on the metrics port (never the API's), and one
 * JSON log line per request whose ids are the ones the recorded events and the projector's
 * lines carry.
 */

jest.setTimeout(60_000);

/** Every line the app logs, parsed. */
class LogLines extends Writable {
  readonly lines: Record<string, any>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
  requests(): Record<string, any>[] {
    return this.lines.filter((line) => line.message === 'request');
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** The value of one series in Prometheus' text format; undefined when absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let app: TestApp;
let log: LogLines;
let metricsPort: number;

beforeAll(async () => {
  log = new LogLines();
  metricsPort = await freePort();
  app = await TestApp.start({ env: { METRICS_PORT: String(metricsPort), LOG_LEVEL: 'debug' }, logDestination: log });
});

afterAll(() => app?.stop());

describe('operations: metrics and request logs', () => {
  const proposal = nationalProposal();
  const ids = { 'X-Request-Id': `req-${proposal.projectId}`, 'X-Correlation-Id': `import-batch-${proposal.projectId}` };

  beforeAll(async () => {
    const fundManager = await app.as('fatima', 'fund-manager');
    const auditor = await app.as('aude', 'auditor');
    const drafted = await fundManager.post('/projects', proposal, ids);
    expect(drafted.status).toBe(201);
    expect({ request: drafted.headers.get('x-request-id'), correlation: drafted.headers.get('x-correlation-id') }).toEqual({
      request: ids['X-Request-Id'],
      correlation: ids['X-Correlation-Id'],
    });
    expectProblem(await fundManager.post(`/projects/${proposal.projectId}/submit`), 409, 'submission.endorsement-missing');
    expect((await auditor.get(`/portfolio/${proposal.projectId}?minPosition=${drafted.body.position}`)).status).toBe(200);
  });

  it('serves /metrics on METRICS_PORT, and no longer on the API port', async () => {
    expect(app.metricsUrl).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
    const scraped = await fetch(app.metricsUrl!);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expectProblem(await app.anonymous().get('/metrics'), 404, 'route.not-found');
    expectProblem({ ...(await jsonOf(fetch(`http://127.0.0.1:${metricsPort}/health`))) }, 404, 'route.not-found');
  });

  it('times requests per route pattern and status, never per raw URL', async () => {
    const metrics = await (await fetch(app.metricsUrl!)).text();
    expect(sample(metrics, 'http_request_duration_seconds_count{method="POST",route="/projects",status="201"}')).toBe(1);
    expect(sample(metrics, 'http_request_duration_seconds_count{method="POST",route="/projects/:projectId/submit",status="409"}')).toBe(1);
    expect(sample(metrics, 'http_request_duration_seconds_count{method="GET",route="/portfolio/:projectId",status="200"}')).toBe(1);
    expect(sample(metrics, 'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/projects",status="201"}')).toBe(1);
    expect(metrics).not.toContain(proposal.projectId);
  });

  it('counts commands accepted and refused by type and problem code, and the appends behind them', async () => {
    const metrics = await (await fetch(app.metricsUrl!)).text();
    expect(sample(metrics, 'portfolio_ledger_commands_total{command="DraftProject",outcome="accepted"}')).toBe(1);
    expect(sample(metrics, 'portfolio_ledger_commands_total{command="SubmitProject",outcome="refused",code="submission.endorsement-missing"}')).toBe(1);
    // The draft claims its PRIMA id and records the project: at least those two streams.
    expect(sample(metrics, 'portfolio_ledger_appends_total{stream_kind="project",outcome="recorded"}')).toBe(1);
    expect(sample(metrics, 'portfolio_ledger_appends_total{stream_kind="prima-id",outcome="recorded"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'portfolio_ledger_events_appended_total{stream_kind="project"}')).toBeGreaterThanOrEqual(1);
  });

  it('shows the projection lags, the process memory, the event loop and garbage collection', async () => {
    const metrics = await (await fetch(app.metricsUrl!)).text();
    expect(sample(metrics, 'portfolio_ledger_projection_events_behind{projection="portfolio"}')).toBe(0);
    expect(sample(metrics, 'portfolio_ledger_projection_seconds_behind{projection="portfolio"}')).toBe(0);
    expect(sample(metrics, 'portfolio_ledger_stores_readable')).toBe(1);
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_heap_size_total_bytes', 'nodejs_external_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      expect({ name, value: sample(metrics, name) }).toEqual({ name, value: expect.any(Number) });
    }
    expect(metrics).toMatch(/^# TYPE nodejs_gc_duration_seconds histogram$/m);
  });

  it('logs one JSON line per request with its route, status, duration, subject and ids', () => {
    const requests = log.requests();
    const drafted = requests.filter((line) => line.route === '/projects');
    expect(drafted).toEqual([
      expect.objectContaining({
        level: 'info',
        method: 'POST',
        status: 201,
        durationMs: expect.any(Number),
        subject: 'fatima',
        requestId: ids['X-Request-Id'],
        correlationId: ids['X-Correlation-Id'],
        command: 'DraftProject',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    const refused = requests.filter((line) => line.route === '/projects/:projectId/submit');
    expect(refused).toEqual([expect.objectContaining({ status: 409, code: 'submission.endorsement-missing', command: 'SubmitProject', subject: 'fatima' })]);
    // Without ids from the client, the request starts its own chain: one id for both.
    expect(refused[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused[0]!.correlationId).toBe(refused[0]!.requestId);
    expect(requests.filter((line) => line.route === '/portfolio/:projectId')).toEqual([expect.objectContaining({ status: 200, subject: 'aude' })]);
  });

  it("records the request's ids in the command's events, and the projector logs them when it applies them", async () => {
    const events = await (await app.as('aude', 'auditor')).get(`/projects/${proposal.projectId}/events`);
    expect(events.body.events.map((event: { metadata: object }) => event.metadata)).toEqual([
      expect.objectContaining({ correlationId: ids['X-Correlation-Id'], causationId: ids['X-Request-Id'] }),
    ]);
    const applied = log.lines.filter((line) => line.message === 'applied a batch of the feed');
    expect(applied.some((line) => line.level === 'debug' && line.correlationIds.includes(ids['X-Correlation-Id']))).toBe(true);
  });

  it('replaces an X-Request-Id that is not a sane token with its own', async () => {
    const reply = await app.anonymous().get('/health', { 'X-Request-Id': 'has spaces and {braces}' });
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.requests().at(-1)).toEqual(expect.objectContaining({ route: '/health', requestId: reply.headers.get('x-request-id') }));
  });

  it('counts a command refused before its handler ran (no token) under its type', async () => {
    expectProblem(await app.anonymous().post(`/projects/${proposal.projectId}/approve`), 401, 'auth.token-missing');
    const metrics = await (await fetch(app.metricsUrl!)).text();
    expect(sample(metrics, 'portfolio_ledger_commands_total{command="ApproveProject",outcome="refused",code="auth.token-missing"}')).toBe(1);
    expect(sample(metrics, 'http_request_duration_seconds_count{method="POST",route="/projects/:projectId/approve",status="401"}')).toBe(1);
  });

  it('counts unknown paths under one route label', async () => {
    await app.anonymous().get('/no/such/path/1');
    await app.anonymous().get('/no/such/path/2');
    const metrics = await (await fetch(app.metricsUrl!)).text();
    expect(sample(metrics, 'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBeGreaterThanOrEqual(2);
  });

  it('starts without metrics, and says so, when METRICS_PORT is already taken by another instance', async () => {
    const second = new LogLines();
    const other = await TestApp.start({ env: { METRICS_PORT: String(metricsPort), LOG_LEVEL: 'warn' }, logDestination: second });
    try {
      expect(other.metricsUrl).toBeUndefined();
      expect(second.lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'warn', message: expect.stringContaining(`METRICS_PORT ${metricsPort}`) })]));
      expect((await other.anonymous().get('/health')).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

async function jsonOf(reply: Promise<Response>) {
  const response = await reply;
  return { status: response.status, headers: response.headers, body: await response.json() };
}
