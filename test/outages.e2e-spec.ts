import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemporaryDatabase, ServerProxy, testServerUrl, type TemporaryDatabase } from '#sql/testing';
import { ServiceProcess } from './support/service-process.js';

const CONNECT_TIMEOUT_MS = 2_000;

/**
 * The API on the postgres profile, its database behind a proxy that can go silent: a
 * partition keeps every socket open and answers nothing. Requests and /health must answer
 * 503 within the connection timeout instead of hanging for the cut's length.
 */
describe('the API during a silent partition from its database', () => {
  let database: TemporaryDatabase;
  let proxy: ServerProxy;
  let dataDir: string;
  let api: ServiceProcess;

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    proxy = ServerProxy.for(testServerUrl());
    await proxy.start();
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-outage-'));
    api = await ServiceProcess.start(dataDir, {
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: proxy.urlFor(database.url),
      DATABASE_POOL_SIZE: '4',
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    });
  }, 120_000);

  afterAll(async () => {
    proxy?.resume();
    await api?.stop();
    await proxy?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 store.unavailable within the connection timeout, and is well again when the partition heals', async () => {
    const admin = await api.as('ada', 'admin');
    expect((await admin.post('/envelopes', { year: 2031, fundingLine: 1, amount: '1000.00' })).status).toBe(201);
    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);

    proxy.silence();
    const started = Date.now();
    const [command, health] = await Promise.all([
      admin.post('/envelopes', { year: 2032, fundingLine: 1, amount: '1000.00' }),
      fetch(`${api.baseUrl}/health`).then(async (response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() })),
    ]);
    const took = Date.now() - started;

    expect(command).toMatchObject({ status: 503, body: { code: 'store.unavailable' } });
    expect(health).toMatchObject({ status: 503, body: { code: 'store.unavailable' } });
    expect(health.type).toContain('application/problem+json');
    // Generously bounded for a loaded machine; before, as long as the cut (35-40 s for 40 s).
    expect(took).toBeLessThan(3 * CONNECT_TIMEOUT_MS);

    proxy.resume();
    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    expect((await admin.post('/envelopes', { year: 2033, fundingLine: 1, amount: '1000.00' })).status).toBe(201);
  }, 60_000);
});
