import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENT_STORE_MIGRATIONS, SqlEventStore, START, formatPosition, type RecordedEvent } from '#event-store';
import { ALL_PROJECTIONS, READ_STORE_MIGRATIONS, SqlReadStore, foldViews, type ViewDocument } from '#read-models';
import { PgliteClient, migrate } from '#sql';
import { nationalProposal } from './support/fixtures.js';
import { ServiceProcess } from './support/service-process.js';
import type { Client } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

const YEAR = new Date().getUTCFullYear();
const ROUNDS = 6;

/**
 * Kill the service (SIGKILL) at random moments while it projects, start it again, and in
 * the end every view must equal the fold of all recorded events: nothing lost, nothing
 * counted twice. The projector commits tiny batches so a kill lands mid-projection.
 */
describe('views survive the service being killed at any moment', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-crash-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it(`equal the fold of all events after ${ROUNDS} kills at random points`, async () => {
    const env = { PROJECTOR_BATCH_SIZE: '2' };
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const service = await ServiceProcess.start(dataDir, env);
      const people = await cast(service);
      if (round === 0) expect((await people.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '50000000.00' })).status).toBe(201);
      // Commands keep arriving while the projector works; the kill comes at a random moment.
      const burst = busyPortfolio(people, () => (acknowledged += 1));
      await sleep(150 + Math.floor(Math.random() * 1200));
      await service.kill();
      await burst.catch(() => undefined); // requests cut off by the kill fail; that is the point
    }
    expect(acknowledged).toBeGreaterThan(0);

    // A last start: the projector catches up from its checkpoints; then stop it cleanly.
    const service = await ServiceProcess.start(dataDir, env);
    await caughtUp(service);
    await service.stop();

    const client = await PgliteClient.open(dataDir);
    try {
      await migrate(client, [...EVENT_STORE_MIGRATIONS, ...READ_STORE_MIGRATIONS]);
      const events = await allEvents(new SqlEventStore(client, { ownsClient: false }));
      const expected = foldViews(ALL_PROJECTIONS, events);
      const views = new SqlReadStore(client);
      for (const projection of ALL_PROJECTIONS) {
        const generation = await views.activeGeneration(projection.name);
        expect(formatPosition(await views.checkpoint(projection.name, generation))).toBe(formatPosition(events.at(-1)!.position));
        for (const collection of projection.collections) {
          const stored = await storedDocuments(client, projection.name, generation, collection);
          expect(stored.size).toBe(expected.get(collection)!.size);
          expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(expected.get(collection)!));
        }
      }
      expect(acknowledged).toBeLessThanOrEqual(events.filter((e) => e.streamId.startsWith('project-')).length);
    } finally {
      await client.close();
    }
  });
});

interface Cast {
  admin: Client;
  fundManager: Client;
  approver: Client;
}

async function cast(service: ServiceProcess): Promise<Cast> {
  return {
    admin: await service.as('ada', 'admin'),
    fundManager: await service.as('fatima', 'fund-manager'),
    approver: await service.as('arturo', 'approver'),
  };
}

/** Four writers taking projects through their lifecycle, until the service dies. */
async function busyPortfolio(people: Cast, onAcknowledged: () => void): Promise<void> {
  const writer = async () => {
    for (;;) {
      const proposal = nationalProposal();
      const id = proposal.projectId;
      const steps: [Client, string, unknown][] = [
        [people.fundManager, '/projects', proposal],
        [people.fundManager, `/projects/${id}/government-endorsements`, { state: 'KG', endorsedOn: '2026-01-15', authority: 'Ministry' }],
        [people.fundManager, `/projects/${id}/submit`, {}],
        [people.approver, `/projects/${id}/endorse`, {}],
        [people.approver, `/projects/${id}/approve`, {}],
        [people.fundManager, `/projects/${id}/focal-point`, { name: 'A. Osmonov', organisation: 'State Migration Service' }],
        [people.fundManager, `/projects/${id}/start`, {}],
        [people.fundManager, `/projects/${id}/disbursements`, { amount: '1000.01', valueDate: TODAY }],
      ];
      for (const [who, path, body] of steps) {
        const reply = await who.post(path, body);
        if (reply.status >= 300) throw new Error(`${path}: ${reply.status}`);
        onAcknowledged();
      }
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
}

async function caughtUp(service: ServiceProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  let previous = '';
  while (Date.now() < deadline) {
    const health = await service.health();
    const now = health.projections.map((p) => `${p.state}:${p.checkpoint}`).join(',');
    if (health.projections.every((p) => p.state === 'caught-up') && now === previous) return;
    previous = now;
    await sleep(300);
  }
  throw new Error('the projector did not catch up');
}

async function allEvents(store: SqlEventStore): Promise<RecordedEvent[]> {
  const prefixes = [...new Set(ALL_PROJECTIONS.flatMap((p) => p.streamPrefixes))];
  const events: RecordedEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, filter: { streamPrefixes: prefixes }, maxCount: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page.at(-1)!.position;
  }
}

async function storedDocuments(client: PgliteClient, projection: string, generation: number, collection: string) {
  const rows = await client.query<{ key: string; doc: string }>(
    'SELECT key, doc::text AS doc FROM read_documents WHERE projection = $1 AND generation = $2 AND collection = $3',
    [projection, generation, collection],
  );
  return new Map<string, ViewDocument>(rows.map((row) => [row.key, JSON.parse(row.doc) as ViewDocument]));
}
