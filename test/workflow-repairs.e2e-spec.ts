import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTemporaryDatabase, type TemporaryDatabase } from '../libs/sql/src/testing/postgres-database.js';
import { nationalProposal } from './support/fixtures.js';
import { ServiceProcess } from './support/service-process.js';
import type { Client } from './support/test-app.js';

const YEAR = new Date().getUTCFullYear();
const TODAY = new Date().toISOString().slice(0, 10);
const ROUNDS = Number(process.env.WORKFLOW_CRASH_ROUNDS ?? 2);
const POINTS = ['after-reserve', 'after-record-before-release', 'after-claim'] as const;
type Point = (typeof POINTS)[number];
/** A short grace so a repair comes within the test; the review runs often. */
const FAST = { WORKFLOW_GRACE_MS: '300', WORKFLOW_REVIEW_MS: '100' };
const REPAIRED_WITHIN_MS = 30_000;

interface Crashed {
  point: Point;
  projectId: string;
  primaId: string;
}

/**
 * The service is killed (SIGKILL, by an armed fault point) between the two steps of a
 * workflow across streams; after a restart the process manager must finish or compensate
 * it by itself: the envelope reserves exactly what the projects' events say, no PRIMA id is
 * held by a project that does not exist, and the audit trail says what repaired it and why.
 */
describe.each([
  ['embedded', false],
  ['postgres', true],
])('workflows left unfinished by a kill -9 are repaired (%s profile)', (_profile, onPostgres) => {
  let dataDir: string;
  let database: TemporaryDatabase | undefined;
  let env: Record<string, string>;
  let projector: ServiceProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-workflows-'));
    database = onPostgres ? await createTemporaryDatabase() : undefined;
    env = database ? { ...FAST, EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' } : { ...FAST };
  });
  afterAll(async () => {
    await projector?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`completes or compensates after ${ROUNDS} kills at each point between two steps`, async () => {
    const crashed: Crashed[] = [];
    const approved: string[] = [];
    let service = await ServiceProcess.start(dataDir, env);
    // On postgres the process manager runs in the projector, which the kills do not touch.
    if (onPostgres) projector = await ServiceProcess.startProjector(dataDir, env);
    const setup = await cast(service);
    expect((await setup.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '50000000.00' })).status).toBe(201);
    // Cancelled projects with USD 1,000.00 disbursed and unspent: a refund of theirs is
    // released to the envelope at once, the same record-then-release as a cancellation.
    const refundable: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const proposal = nationalProposal();
      await endorsed(setup, proposal);
      const path = `/projects/${proposal.projectId}`;
      expect((await setup.approver.post(`${path}/approve`, {})).status).toBe(200);
      expect((await setup.finance.post(`${path}/disbursements`, { amount: '1000.00', valueDate: TODAY })).status).toBe(200);
      expect((await setup.approver.post(`${path}/cancel`, { reason: 'The ministry was dissolved' })).status).toBe(200);
      refundable.push(proposal.projectId);
    }
    await service.stop();
    const refundsCrashed: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      for (const point of POINTS) {
        service = await ServiceProcess.start(dataDir, { ...env, FAULT_POINTS: point });
        const people = await cast(service);
        const proposal = nationalProposal();
        const { projectId, primaId } = proposal;
        if (point !== 'after-claim') {
          // Everything before the armed step passes; the step itself kills the process.
          await endorsed(people, proposal);
          if (point === 'after-record-before-release') {
            expect((await people.approver.post(`/projects/${projectId}/approve`, {})).status).toBe(200);
            approved.push(projectId);
          }
        }
        const last =
          point === 'after-claim'
            ? people.fundManager.post('/projects', proposal)
            : point === 'after-reserve'
              ? people.approver.post(`/projects/${projectId}/approve`, {})
              : people.approver.post(`/projects/${projectId}/cancel`, { reason: 'The government withdrew its endorsement' });
        await expect(last).rejects.toThrow(); // the connection dies with the process: no answer
        await service.exited();
        crashed.push({ point, projectId, primaId });
      }
      // A refund after cancellation, killed between its record and its release (ADR 0018).
      service = await ServiceProcess.start(dataDir, { ...env, FAULT_POINTS: 'after-record-before-release' });
      const finance = (await cast(service)).finance;
      await expect(finance.post(`/projects/${refundable[round]}/refunds`, { amount: '400.00', valueDate: TODAY })).rejects.toThrow();
      await service.exited();
      refundsCrashed.push(refundable[round]!);
    }

    service = await ServiceProcess.start(dataDir, env);
    try {
      const people = await cast(service);
      // What the projects' events say the envelope must hold: their committed (ADR 0018: less
      // what cancellations and refunds after them released). The repairs do not change it:
      // an abandoned approval was never committed, an abandoned draft never existed.
      let owed = 0;
      for (const projectId of [...approved, ...refundable, ...crashed.map((c) => c.projectId)]) {
        const project = await people.approver.get(`/projects/${projectId}`);
        if (project.status === 200) owed += cents(project.body.money.committed);
      }
      expect(owed).toBe(ROUNDS * 60_000);
      const envelope = await repaired(people.approver, owed);
      expect(cents(envelope.reserved)).toBe(owed);

      for (const projectId of refundsCrashed) {
        const project = (await people.approver.get(`/projects/${projectId}`)).body;
        expect(project).toMatchObject({ status: 'cancelled', money: { committed: '600.00', disbursed: '600.00', refunded: '400.00' } });
        const trail = (await people.auditor.get(`/projects/${projectId}/audit-trail?limit=100`)).body.items as AuditEntry[];
        expect(trail.map((entry) => entry.type)).toContain('RefundRecorded');
      }

      for (const { point, projectId, primaId } of crashed) {
        const trail = (await people.auditor.get(`/projects/${projectId}/audit-trail?limit=100`)).body.items as AuditEntry[];
        const types = trail.map((entry) => entry.type);
        if (point === 'after-reserve') {
          expect((await people.approver.get(`/projects/${projectId}`)).body.status).toBe('endorsed');
          expect(repairOf(trail, 'ApprovalAbandoned').reason).toMatch(/was not recorded within 300 ms: abandoned/);
        } else if (point === 'after-record-before-release') {
          expect((await people.approver.get(`/projects/${projectId}`)).body.status).toBe('cancelled');
          expect(types).toContain('ProjectCancelled');
        } else {
          // The draft never happened, and its PRIMA id is free again: another draft may take it.
          expect((await people.approver.get(`/projects/${projectId}`)).status).toBe(404);
          expect(repairOf(trail, 'DraftAbandoned').reason).toMatch(/PRIMA id .* was claimed .* but the draft was not recorded/);
          const again = await people.fundManager.post('/projects', nationalProposal({ primaId }));
          expect(again.status).toBe(201);
        }
      }
      // Each release the repairs made names the workflow it finished, and says why.
      const releases = (await people.auditor.get(`/audit-trail?actor=system:workflow-repairs&type=FundsReleased&limit=100`)).body.items as AuditEntry[];
      expect(releases).toHaveLength(ROUNDS * 3);
      for (const release of releases) expect(release.reason).toMatch(/released/);
    } finally {
      await service.stop();
    }
  }, 600_000);
});

interface AuditEntry {
  type: string;
  actorId: string;
  reason?: string;
}

function repairOf(trail: AuditEntry[], type: string): AuditEntry {
  const entry = trail.find((e) => e.type === type);
  expect(entry).toMatchObject({ actorId: 'system:workflow-repairs' });
  return entry!;
}

function cents(usd: string): number {
  return Math.round(Number(usd) * 100);
}

async function cast(service: ServiceProcess) {
  return {
    admin: await service.as('ada', 'admin'),
    fundManager: await service.as('fatima', 'fund-manager'),
    approver: await service.as('arturo', 'approver'),
    auditor: await service.as('aude', 'auditor'),
    finance: await service.as('farid', 'finance-officer'),
  };
}

async function endorsed(people: Awaited<ReturnType<typeof cast>>, proposal: ReturnType<typeof nationalProposal>): Promise<void> {
  const id = proposal.projectId;
  const steps: [Client, string, unknown][] = [
    [people.fundManager, '/projects', proposal],
    [people.fundManager, `/projects/${id}/government-endorsements`, { state: 'KG', endorsedOn: `${YEAR}-01-15`, authority: 'Ministry' }],
    [people.fundManager, `/projects/${id}/submit`, {}],
    [people.approver, `/projects/${id}/endorse`, {}],
  ];
  for (const [who, path, body] of steps) {
    const reply = await who.post(path, body);
    if (reply.status >= 300) throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

/**
 * The envelope once no repair is pending and it reserves what is owed; while a repair is
 * pending, it says so. Both, because a service just restarted may not have projected the
 * last workflow its predecessor left open: for that moment its view shows no repair to do.
 */
async function repaired(approver: Client, owedCents: number): Promise<{ reserved: string }> {
  const deadline = Date.now() + REPAIRED_WITHIN_MS;
  let seen: unknown;
  while (Date.now() < deadline) {
    const reply = await approver.get(`/envelopes/${YEAR}/1`);
    expect(reply.status).toBe(200);
    seen = reply.body;
    if (reply.body.pendingRepairs.length === 0 && cents(reply.body.reserved) === owedCents) return reply.body;
    for (const pending of reply.body.pendingRepairs) expect(pending).toMatchObject({ kind: expect.stringMatching(/reservation|release/), since: expect.any(String) });
    await sleep(200);
  }
  throw new Error(`repairs still pending after ${REPAIRED_WITHIN_MS} ms: ${JSON.stringify(seen)}`);
}
