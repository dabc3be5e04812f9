import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemporaryDatabase } from '../libs/sql/src/testing/postgres-database.js';
import { CuttingProxy } from './support/cutting-proxy.js';
import { nationalProposal } from './support/fixtures.js';
import { endorsed, type Cast } from './support/journeys.js';
import { ServiceProcess } from './support/service-process.js';
import type { Client } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

const YEAR = new Date().getUTCFullYear();
const DISBURSEMENT = { amount: '1500.00', valueDate: TODAY };

async function castOf(service: ServiceProcess): Promise<Cast & { auditor: Client }> {
  return {
    admin: await service.as('ada', 'admin'),
    fundManager: await service.as('fatima', 'fund-manager'),
    approver: await service.as('arturo', 'approver'),
    secondApprover: await service.as('bintou', 'approver'),
    auditor: await service.as('aude', 'auditor'),
  };
}

/** An approved project with room for disbursements. */
async function approvedProject(cast: Cast): Promise<string> {
  await cast.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: '5000000.00' });
  const projectId = await endorsed(cast, nationalProposal({ fundingLine: 1, budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '50000.00' } }));
  expect((await cast.approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
  return projectId;
}

/** The disbursements the project's stream holds (the store itself, not a view). */
async function disbursementsOf(auditor: Client, projectId: string) {
  const events = (await auditor.get(`/projects/${projectId}/events`)).body.events as { type: string; revision: number; position: string }[];
  return events.filter((event) => event.type === 'DisbursementRecorded');
}

/**
 * An Idempotency-Key holds whatever fails between the append and the answer (issue 16,
 * docs/adr/0016): the process killed, or the database connection cut after the commit.
 * The retry finds the command's own events and answers from them; nothing is recorded twice.
 */
describe('exactly once under an Idempotency-Key, whatever fails after the append', () => {
  it('answers the retry from the recorded events after the process is SIGKILLed between the append and the answer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-exactly-once-'));
    try {
      const dying = await ServiceProcess.start(dataDir, { FAULT_POINTS: 'after-append' });
      const projectId = await approvedProject(await castOf(dying));
      const killed = await (await castOf(dying)).fundManager
        .post(`/projects/${projectId}/disbursements`, DISBURSEMENT, { 'Idempotency-Key': 'killed-1' })
        .then((reply) => reply.status, (error: Error) => error.name);
      expect(killed).not.toBe(200); // no answer: the process died before sending it
      await dying.kill();

      const service = await ServiceProcess.start(dataDir);
      try {
        const cast = await castOf(service);
        const retry = await cast.fundManager.post(`/projects/${projectId}/disbursements`, DISBURSEMENT, { 'Idempotency-Key': 'killed-1' });
        const again = await cast.fundManager.post(`/projects/${projectId}/disbursements`, DISBURSEMENT, { 'Idempotency-Key': 'killed-1' });

        const recorded = await disbursementsOf(cast.auditor, projectId);
        expect(recorded).toHaveLength(1);
        expect(retry.status).toBe(200);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        expect(retry.body).toMatchObject({ recorded: ['DisbursementRecorded'], revision: recorded[0]!.revision, position: recorded[0]!.position });
        expect(retry.headers.get('etag')).toBe(`"${recorded[0]!.revision}"`);
        expect(again.body).toEqual(retry.body);
      } finally {
        await service.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('postgres: answers 503 when the connection is cut after the commit, and the retry records nothing new', async () => {
    const database = await createTemporaryDatabase();
    const server = new URL(database.url);
    const proxy = await CuttingProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    const dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-exactly-once-pg-'));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const service = await ServiceProcess.start(dataDir, { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: proxied.toString() });
    try {
      const cast = await castOf(service);
      const projectId = await approvedProject(cast);

      const cut = proxy.cutAfterNextAppend();
      const first = await cast.fundManager.post(`/projects/${projectId}/disbursements`, DISBURSEMENT, { 'Idempotency-Key': 'cut-1' });
      await cut;
      expect([first.status, first.body.code]).toEqual([503, 'store.unavailable']);
      expect(await disbursementsOf(cast.auditor, projectId)).toHaveLength(1); // it did take effect

      const retry = await cast.fundManager.post(`/projects/${projectId}/disbursements`, DISBURSEMENT, { 'Idempotency-Key': 'cut-1' });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const recorded = await disbursementsOf(cast.auditor, projectId);
      expect(recorded).toHaveLength(1);
      expect(retry.body).toMatchObject({ revision: recorded[0]!.revision, position: recorded[0]!.position });
    } finally {
      await service.stop();
      await proxy.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
