import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlEventStore, START, type RecordedEvent } from '#event-store';
import { ALL_PROJECTIONS, SqlReadStore, foldViews, type ViewDocument } from '#read-models';
import { PgClient } from '#sql';
import { createTemporaryDatabase } from '../libs/sql/src/testing/postgres-database.js';
import { nationalProposal } from './support/fixtures.js';
import { ServiceProcess } from './support/service-process.js';
import type { Reply } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

const YEAR = new Date().getUTCFullYear();

/**
 * The postgres profile as it is meant to run: two API instances and one projector, three
 * processes on one database. The guarantees of the command side hold across instances,
 * the projector can stop and catch up, and its lag is visible.
 */
describe('postgres profile: two API instances and a projector on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let env: Record<string, string>;
  let apiA: ServiceProcess;
  let apiB: ServiceProcess;
  let projector: ServiceProcess;
  const as = async (api: ServiceProcess) => ({
    admin: await api.as('ada', 'admin'),
    fundManager: await api.as('fatima', 'fund-manager'),
    approver: await api.as('arturo', 'approver'),
    secondApprover: await api.as('bintou', 'approver'),
    auditor: await api.as('aude', 'auditor'),
  });

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-pg-'));
    env = { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5' };
    // Both API instances migrate at start, at the same time: the advisory lock serialises them.
    [apiA, apiB] = await Promise.all([ServiceProcess.start(dataDir, env), ServiceProcess.start(dataDir, env)]);
    projector = await ServiceProcess.startProjector(dataDir, env);
  });

  afterAll(async () => {
    await Promise.all([apiA?.stop(), apiB?.stop(), projector?.stop()]);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function endorsedOn(api: ServiceProcess, fundingLine = 1, budget = { staffAndOfficeCosts: '10000.00', operationalCosts: '50000.00' }) {
    const people = await as(api);
    const proposal = nationalProposal({ fundingLine, budget });
    expect((await people.fundManager.post('/projects', proposal)).status).toBe(201);
    await people.fundManager.post(`/projects/${proposal.projectId}/government-endorsements`, { state: 'KG', endorsedOn: '2026-01-15', authority: 'Ministry' });
    expect((await people.fundManager.post(`/projects/${proposal.projectId}/submit`)).status).toBe(200);
    expect((await people.approver.post(`/projects/${proposal.projectId}/endorse`)).status).toBe(200);
    return proposal.projectId;
  }

  it('never over-reserves an envelope when approvals arrive at both instances at once', async () => {
    const a = await as(apiA);
    const b = await as(apiB);
    expect((await a.admin.post('/envelopes', { year: YEAR, fundingLine: 2, amount: '250000.00' })).status).toBe(201);
    const projects = [];
    for (let i = 0; i < 6; i++) projects.push(await endorsedOn(i % 2 ? apiA : apiB, 2));

    const replies = await Promise.all(projects.map((id, i) => (i % 2 ? a.approver : b.secondApprover).post(`/projects/${id}/approve`)));

    expect(replies.filter((r) => r.status === 200)).toHaveLength(4);
    expect(replies.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(['envelope.exhausted', 'envelope.exhausted']);
    expect((await b.admin.get(`/envelopes/${YEAR}/2`)).body).toMatchObject({ reserved: '240000.00', available: '10000.00' });
  });

  it('records one of two drafts with the same project id or PRIMA id sent to both instances at once', async () => {
    const a = await as(apiA);
    const b = await as(apiB);
    const projectId = nationalProposal().projectId;
    const byId = await Promise.all([
      a.fundManager.post('/projects', { ...nationalProposal(), projectId }),
      b.fundManager.post('/projects', { ...nationalProposal(), projectId }),
    ]);
    expect(byId.map((r) => r.status).sort()).toEqual([201, 409]);
    const primaId = nationalProposal().primaId;
    const byPrima = await Promise.all([a.fundManager.post('/projects', { ...nationalProposal(), primaId }), b.fundManager.post('/projects', { ...nationalProposal(), primaId })]);
    expect(byPrima.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(byPrima.find((r) => r.status === 409)!.body.code).toBe('project.prima-id-taken');
  });

  it('honours an Idempotency-Key and If-Match across instances', async () => {
    const a = await as(apiA);
    const b = await as(apiB);
    await a.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '5000000.00' });
    const projectId = await endorsedOn(apiA);
    const seen = await b.approver.get(`/projects/${projectId}`);
    expect((await a.approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
    const stale = await b.approver.post(`/projects/${projectId}/reject`, { reason: 'too late' }, { 'If-Match': seen.headers.get('etag')! });
    expect(stale.status).toBe(412);

    const body = { amount: '500.00', valueDate: TODAY };
    const replies = await Promise.all([
      a.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'both-instances' }),
      b.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'both-instances' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies[1]!.body).toEqual(replies[0]!.body);
    const events = await b.auditor.get(`/projects/${projectId}/events`);
    expect(events.body.events.filter((e: { type: string }) => e.type === 'DisbursementRecorded')).toHaveLength(1);

    // An approval (envelope first, then the project) sent to both with one key, a few times:
    // whichever instance comes second answers from what the first recorded, never refuses.
    for (let round = 0; round < 3; round++) {
      const endorsed = await endorsedOn(round % 2 ? apiA : apiB);
      const approvals = await Promise.all([
        a.approver.post(`/projects/${endorsed}/approve`, undefined, { 'Idempotency-Key': `approve-${round}` }),
        b.approver.post(`/projects/${endorsed}/approve`, undefined, { 'Idempotency-Key': `approve-${round}` }),
      ]);
      expect(approvals.map((r) => `${r.status} ${r.body.code ?? r.body.status}`)).toEqual(['200 approved', '200 approved']);
      const recorded = await b.auditor.get(`/projects/${endorsed}/events`);
      expect(recorded.body.events.filter((e: { type: string }) => e.type === 'ProjectApproved')).toHaveLength(1);
    }
    const envelope = await b.admin.get(`/envelopes/${YEAR}/1`);
    expect(envelope.body.reserved).toBe('240000.00');
  });

  it('lets a query on one instance wait for a write made on the other (read-your-writes through the projector)', async () => {
    const a = await as(apiA);
    const b = await as(apiB);
    const proposal = nationalProposal({ title: { ka: 'მიგრაციის პოლიტიკა' } });
    const drafted = await a.fundManager.post('/projects', proposal);
    // Said first, so that a refused draft is reported as itself and not as the card's 400 (no position).
    expect({ status: drafted.status, position: typeof drafted.body.position }).toEqual({ status: 201, position: 'string' });
    const card = await b.auditor.get(`/portfolio/${proposal.projectId}?minPosition=${drafted.body.position}`);
    expect(card.status).toBe(200);
    expect(card.body.title).toEqual({ ka: 'მიგრაციის პოლიტიკა' });
  });

  it('says in the logs of the API and the projector whether they analyse the tables themselves: exactly when the server runs no autovacuum', async () => {
    const admin = await PgClient.connect(database.url, { max: 1 });
    const [{ autovacuum }] = await admin.query<{ autovacuum: string }>(`SELECT current_setting('autovacuum') AS autovacuum`);
    await admin.close();
    for (const process of [apiA, projector]) {
      expect({ autovacuum, warned: process.log().includes('runs no autovacuum') }).toEqual({ autovacuum, warned: autovacuum === 'off' });
    }
  });

  it("shows each process's memory in its Prometheus metrics: the API's and the projector's", async () => {
    const gauges = (text: string) =>
      Object.fromEntries([...text.matchAll(/^(process_resident_memory_bytes|nodejs_heap_size_(?:used|total)_bytes) (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
    for (const metrics of [await apiA.metrics(), await projector.metrics()]) {
      const memory = gauges(metrics);
      expect(Object.keys(memory).sort()).toEqual(['nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes', 'process_resident_memory_bytes']);
      // Used within reserved within resident, and a Node process is tens of MB at least.
      expect(memory.nodejs_heap_size_used_bytes!).toBeLessThanOrEqual(memory.nodejs_heap_size_total_bytes!);
      expect(memory.nodejs_heap_size_total_bytes!).toBeLessThan(memory.process_resident_memory_bytes!);
      expect(memory.process_resident_memory_bytes!).toBeGreaterThan(20_000_000);
    }
  });

  it('catches up after the projector was stopped while commands kept coming, and shows its lag meanwhile', async () => {
    const a = await as(apiA);
    await projector.stop();
    const written: Reply[] = [];
    for (let i = 0; i < 5; i++) written.push(await a.fundManager.post('/projects', nationalProposal()));
    expect(written.every((r) => r.status === 201)).toBe(true);

    const lagging = await apiA.health();
    expect(lagging.projections.find((p) => p.projection === 'portfolio')!.eventsBehind).toBeGreaterThanOrEqual(5);
    expect(await apiB.metrics()).toMatch(/portfolio_ledger_projection_events_behind\{projection="portfolio"\} [1-9]/);
    const notYet = await a.auditor.get(`/portfolio/${written.at(-1)!.body.projectId}`);
    expect(notYet.status).toBe(404);

    projector = await ServiceProcess.startProjector(dataDir, env);
    const card = await a.auditor.get(`/portfolio/${written.at(-1)!.body.projectId}?minPosition=${written.at(-1)!.body.position}`);
    expect(card.status).toBe(200);
    await untilCaughtUp(apiB);
    await expectViewsEqualTheFoldOfAllEvents(database.url);
  });

  it('shows no approval just answered as a pending repair of its envelope, on either instance', async () => {
    // The envelope is folded from its events; its pending repairs come from the workflows
    // view, which the projector (another process, polling) fills a moment later. An approval
    // is two appends (the reservation, then the project's approval): a view read between
    // them would show the reservation as a repair still to do, unless the read waits for it.
    const a = await as(apiA);
    const b = await as(apiB);
    await a.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '5000000.00' }).catch(() => undefined);
    let reserved = Number((await a.admin.get(`/envelopes/${YEAR}/1`)).body.reserved);
    for (let round = 0; round < 8; round++) {
      const projectId = await endorsedOn(round % 2 ? apiA : apiB);
      const [approver, reader] = round % 2 ? [a.approver, b.auditor] : [b.secondApprover, a.auditor];
      expect((await approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
      const envelope = await reader.get(`/envelopes/${YEAR}/1`);
      reserved += 60_000;
      expect({ reserved: Number(envelope.body.reserved), pendingRepairs: envelope.body.pendingRepairs }).toEqual({ reserved, pendingRepairs: [] });
    }
  });

  it('answers 503 problems while the database connections are cut, and recovers by itself with nothing lost', async () => {
    const a = await as(apiA);
    await a.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '5000000.00' }).catch(() => undefined);
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    // Commands keep coming for as long as the cuts go on: a fixed number of them could all
    // fall between two cuts on a fast machine, and a cut that finds no statement in flight
    // only closes idle connections, which the pool replaces unseen.
    let cutting = true;
    const cutter = cutConnectionsRepeatedly(database.url, 1500).finally(() => {
      cutting = false;
    });
    while (cutting) {
      const proposal = nationalProposal();
      const reply = await a.fundManager.post('/projects', proposal);
      statuses.push(reply.status);
      if (reply.status === 201) acknowledged.push(proposal.projectId);
      else expect([409, 503]).toContain(reply.status); // 409: a retry after an unacknowledged success
      if (reply.status === 503) expect(reply.body.code).toBe('store.unavailable');
    }
    await cutter;
    // The cut was felt (clear 503 problems, not hangs) …
    expect(statuses).toContain(503);
    // … and the service recovered by itself: a new command goes through, every acknowledged draft is there.
    const after = await a.fundManager.post('/projects', nationalProposal());
    expect(after.status).toBe(201);
    for (const projectId of acknowledged) expect((await a.auditor.get(`/projects/${projectId}`)).status).toBe(200);
    expect(acknowledged.length).toBeGreaterThan(0);
    await untilCaughtUp(apiA);
    await expectViewsEqualTheFoldOfAllEvents(database.url);
  });
});

async function untilCaughtUp(api: ServiceProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const health = await api.health();
    if (health.projections.every((p) => p.eventsBehind === 0)) return;
    await sleep(200);
  }
  throw new Error('the views did not catch up');
}

/** Terminates every connection to the database a few times over `ms` (as a failover would). */
async function cutConnectionsRepeatedly(url: string, ms: number): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = await PgClient.connect(url.replace(/\/[^/]+$/, '/postgres'), { max: 1 });
  try {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await sleep(150);
    }
  } finally {
    await admin.close();
  }
}

async function expectViewsEqualTheFoldOfAllEvents(url: string): Promise<void> {
  const client = await PgClient.connect(url, { max: 2 });
  try {
    const events: RecordedEvent[] = [];
    const store = new SqlEventStore(client, { ownsClient: false });
    const prefixes = [...new Set(ALL_PROJECTIONS.flatMap((p) => p.streamPrefixes))];
    for (let after = START; ; ) {
      const page = await store.readAll({ after, filter: { streamPrefixes: prefixes }, maxCount: 1000 });
      if (page.length === 0) break;
      events.push(...page);
      after = page.at(-1)!.position;
    }
    const expected = foldViews(ALL_PROJECTIONS, events);
    const views = new SqlReadStore(client);
    for (const projection of ALL_PROJECTIONS) {
      const generation = await views.activeGeneration(projection.name);
      for (const collection of projection.collections) {
        const rows = await client.query<{ key: string; doc: string }>(
          'SELECT key, doc::text AS doc FROM read_documents WHERE projection = $1 AND generation = $2 AND collection = $3',
          [projection.name, generation, collection],
        );
        const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.doc) as ViewDocument]));
        expect(stored).toEqual(Object.fromEntries(expected.get(collection)!));
      }
    }
  } finally {
    await client.close();
  }
}
