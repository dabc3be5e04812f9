import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { nationalProposal } from './support/fixtures.js';
import { ServiceProcess } from './support/service-process.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

/**
 * The production stack end to end: EventStoreDB for events and a MongoDB replica set for
 * views, in containers; the API and the projector as real processes. Lifecycle commands,
 * then the views, then a projector restart mid-stream. Without a container runtime the
 * file is skipped, with one line.
 */
const hasContainerRuntime = await getContainerRuntimeClient().then(
  () => true,
  () => false,
);

if (!hasContainerRuntime) {
  process.stderr.write('Production stack test skipped: no container runtime (Docker) found\n');
  describe.skip('the production stack', () => {
    it('needs a container runtime (Docker)', () => undefined);
  });
} else {
  describe('the production stack: EventStoreDB, MongoDB, the API and the projector', () => {
    const YEAR = new Date().getUTCFullYear();
    let eventstoredb: StartedTestContainer;
    let mongodb: StartedMongoDBContainer;
    let dataDir: string;
    let env: Record<string, string>;
    let api: ServiceProcess;
    let projector: ServiceProcess;

    beforeAll(async () => {
      [eventstoredb, mongodb] = await Promise.all([
        new GenericContainer('eventstore/eventstore:24.10')
          .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_CLUSTER_SIZE: '1', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_MEM_DB: 'true' })
          .withExposedPorts(2113)
          .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
          .withStartupTimeout(180_000)
          .start(),
        new MongoDBContainer('mongo:7.0.16').start(),
      ]);
      dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-stack-'));
      env = {
        EVENT_STORE: 'eventstoredb',
        READ_STORE: 'mongodb',
        EVENTSTORE_CONNECTION_STRING: `esdb://${eventstoredb.getHost()}:${eventstoredb.getMappedPort(2113)}?tls=false`,
        MONGODB_URL: `${mongodb.getConnectionString()}/?directConnection=true`,
        MONGODB_DATABASE: 'portfolio_ledger_e2e',
      };
      api = await ServiceProcess.start(dataDir, env);
      projector = await ServiceProcess.startProjector(dataDir, env);
    });

    afterAll(async () => {
      await Promise.all([api?.stop(), projector?.stop()]);
      await Promise.all([eventstoredb?.stop(), mongodb?.stop()]);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('takes a project through its lifecycle, shows it in the views, and catches up after a projector restart', async () => {
      const admin = await api.as('ada', 'admin');
      const fundManager = await api.as('fatima', 'fund-manager');
      const approver = await api.as('arturo', 'approver');
      expect((await admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '1479887.00' })).status).toBe(201);
      const proposal = nationalProposal();
      const id = proposal.projectId;
      expect((await fundManager.post('/projects', proposal)).status).toBe(201);
      await fundManager.post(`/projects/${id}/government-endorsements`, { state: 'KG', endorsedOn: '2026-01-15', authority: 'Ministry' });
      expect((await fundManager.post(`/projects/${id}/submit`)).status).toBe(200);
      expect((await approver.post(`/projects/${id}/endorse`)).status).toBe(200);
      expect((await approver.post(`/projects/${id}/approve`)).status).toBe(200);
      await fundManager.post(`/projects/${id}/focal-point`, { name: 'A. Osmonov', organisation: 'State Migration Service' });
      expect((await fundManager.post(`/projects/${id}/start`)).status).toBe(200);
      const disbursed = await fundManager.post(`/projects/${id}/disbursements`, { amount: '10000.00', valueDate: TODAY });
      expect(disbursed.status).toBe(200);

      const card = await approver.get(`/portfolio/${id}?minPosition=${disbursed.body.position}`);
      expect(card.status).toBe(200);
      expect(card.body).toMatchObject({ status: 'active', committed: '37887.00', disbursed: '10000.00' });
      const byState = await approver.get(`/funding/summary?groupBy=state&minPosition=${disbursed.body.position}`);
      expect(byState.body.total.disbursed).toBe('10000.00');

      // The projector stops mid-stream; commands go on; it restarts and catches up.
      await projector.stop();
      const spent = await fundManager.post(`/projects/${id}/expenditures`, { amount: '2500.00', valueDate: TODAY });
      expect(spent.status).toBe(200);
      expect((await api.health()).projections.find((p) => p.projection === 'portfolio')!.eventsBehind).toBeGreaterThan(0);
      projector = await ServiceProcess.startProjector(dataDir, env);
      const after = await approver.get(`/portfolio/${id}?minPosition=${spent.body.position}`);
      expect(after.status).toBe(200);
      expect(after.body.spent).toBe('2500.00');
      const trail = await approver.get(`/projects/${id}/audit-trail?minPosition=${spent.body.position}`);
      expect(trail.body.items.map((entry: { type: string }) => entry.type)).toContain('ExpenditureRecorded');
    });
  });
}
