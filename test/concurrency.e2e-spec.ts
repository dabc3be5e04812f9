import { nationalProposal } from './support/fixtures.js';
import { endorsed, type Cast } from './support/journeys.js';
import { TestApp } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

const YEAR = new Date().getUTCFullYear();

describe('concurrency and retries (really concurrent HTTP requests)', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await TestApp.start();
    cast = {
      admin: await app.as('ada', 'admin'),
      fundManager: await app.as('fatima', 'fund-manager'),
      approver: await app.as('arturo', 'approver'),
      secondApprover: await app.as('bintou', 'approver'),
    };
    // Line 2 is the contested envelope in these tests: USD 250,000.00.
    expect((await cast.admin.post('/envelopes', { year: YEAR, fundingLine: 2, amount: '250000.00' })).status).toBe(201);
  });

  afterAll(() => app.stop());

  const sixtyThousand = () =>
    nationalProposal({ fundingLine: 2, budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '50000.00' } });

  it('approves exactly as many projects as the envelope has room for when all approvals arrive at once', async () => {
    const projects = [];
    for (let i = 0; i < 6; i++) projects.push(await endorsed(cast, sixtyThousand()));

    const replies = await Promise.all(projects.map((id, i) => (i % 2 ? cast.approver : cast.secondApprover).post(`/projects/${id}/approve`)));

    const approved = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(approved).toHaveLength(4); // 4 × 60,000 = 240,000 ≤ 250,000 < 300,000
    expect(refused.map((r) => r.body.code)).toEqual(['envelope.exhausted', 'envelope.exhausted']);
    const envelope = await cast.admin.get(`/envelopes/${YEAR}/2`);
    expect(envelope.body).toMatchObject({ amount: '250000.00', reserved: '240000.00', available: '10000.00' });
    for (const [i, reply] of replies.entries()) {
      const project = await cast.approver.get(`/projects/${projects[i]}`);
      expect(project.body.status).toBe(reply.status === 200 ? 'approved' : 'endorsed');
    }
  });

  it('keeps no reservation for an approval that lost the race on its own project', async () => {
    await cast.admin.post(`/envelopes/${YEAR}/2/adjustments`, { amount: '500000.00', reason: 'second tranche received' });
    const before = (await cast.admin.get(`/envelopes/${YEAR}/2`)).body.reserved;
    const projectId = await endorsed(cast, sixtyThousand());

    // Both approvers approve the same project at the same instant: both may reserve, only
    // one approval can be recorded, the other's reservation must be released again.
    const replies = await Promise.all([cast.approver.post(`/projects/${projectId}/approve`), cast.secondApprover.post(`/projects/${projectId}/approve`)]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await cast.admin.get(`/envelopes/${YEAR}/2`)).body.reserved;
    expect(Number(after) - Number(before)).toBe(60_000);
    const events = await cast.approver.get(`/projects/${projectId}/events`);
    expect(events.body.events.filter((e: { type: string }) => e.type === 'ProjectApproved')).toHaveLength(1);
  });

  it('records exactly one of two drafts with the same project id sent at the same instant', async () => {
    const first = nationalProposal();
    const second = { ...nationalProposal(), projectId: first.projectId };

    const replies = await Promise.all([cast.fundManager.post('/projects', first), cast.fundManager.post('/projects', second)]);

    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.status === 409)!.body.code).toBe('project.already-exists');
    const events = await cast.approver.get(`/projects/${first.projectId}/events`);
    expect(events.body.events).toHaveLength(1);
    // The loser's PRIMA id was released: another project can use it.
    const loser = replies[0]!.status === 409 ? first : second;
    const reuse = await cast.fundManager.post('/projects', { ...nationalProposal(), primaId: loser.primaId });
    expect(reuse.status).toBe(201);
  });

  it('records exactly one of ten drafts with the same PRIMA id sent at the same instant', async () => {
    const primaId = nationalProposal().primaId;
    const drafts = Array.from({ length: 10 }, () => ({ ...nationalProposal(), primaId }));

    const replies = await Promise.all(drafts.map((draft) => cast.fundManager.post('/projects', draft)));

    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(replies.filter((r) => r.status !== 201).map((r) => r.body.code))).toEqual(new Set(['project.prima-id-taken']));
  });

  describe('Idempotency-Key', () => {
    let projectId: string;

    beforeAll(async () => {
      await cast.admin.post(`/envelopes/${YEAR}/2/adjustments`, { amount: '2000000.00', reason: 'third tranche received' });
      projectId = await endorsed(cast, sixtyThousand());
      expect((await cast.approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
    });

    const disbursements = async () =>
      (await cast.approver.get(`/projects/${projectId}/events`)).body.events.filter((e: { type: string }) => e.type === 'DisbursementRecorded');

    it('answers a retry with the first result and records nothing new', async () => {
      const body = { amount: '1000.00', valueDate: TODAY };
      const first = await cast.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'retry-1' });
      const retry = await cast.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'retry-1' });

      expect(first.status).toBe(200);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await disbursements()).toHaveLength(1);
    });

    it('runs a command once when the same key arrives five times at once', async () => {
      const body = { amount: '2000.00', valueDate: TODAY };
      const before = (await disbursements()).length;

      const replies = await Promise.all(
        Array.from({ length: 5 }, () => cast.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'burst-1' })),
      );

      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(replies.map((r) => r.body.transactionId)).size).toBe(1);
      expect((await disbursements()).length).toBe(before + 1);
    });

    it('decides a refused command afresh on a retry: nothing was recorded under its key', async () => {
      const tooMuch = { amount: '999999.00', valueDate: TODAY };
      const first = await cast.fundManager.post(`/projects/${projectId}/disbursements`, tooMuch, { 'Idempotency-Key': 'refused-1' });
      const retry = await cast.fundManager.post(`/projects/${projectId}/disbursements`, tooMuch, { 'Idempotency-Key': 'refused-1' });
      const corrected = await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount: '1.00', valueDate: TODAY }, { 'Idempotency-Key': 'refused-1' });

      expect(first.status).toBe(409);
      expect(first.body.code).toBe('disbursement.exceeds-budget');
      expect(retry.status).toBe(409);
      expect(retry.body.code).toBe('disbursement.exceeds-budget');
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(corrected.status).toBe(200);
    });

    it('refuses a key already recorded for a different request, on the same project or another', async () => {
      const otherProject = await endorsed(cast, sixtyThousand());
      expect((await cast.approver.post(`/projects/${otherProject}/approve`)).status).toBe(200);
      const before = (await disbursements()).length;
      const first = await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount: '5.00', valueDate: TODAY }, { 'Idempotency-Key': 'used-1' });
      const sameProject = await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount: '6.00', valueDate: TODAY }, { 'Idempotency-Key': 'used-1' });
      const elsewhere = await cast.fundManager.post(`/projects/${otherProject}/disbursements`, { amount: '5.00', valueDate: TODAY }, { 'Idempotency-Key': 'used-1' });

      expect(first.status).toBe(200);
      expect([sameProject.status, sameProject.body.code]).toEqual([422, 'idempotency.key-reused']);
      expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'idempotency.key-reused']);
      expect((await disbursements()).length).toBe(before + 1);
    });

    it('keeps keys apart per actor', async () => {
      const finance = await app.as('farid', 'finance-officer');
      const body = { amount: '10.00', valueDate: TODAY };
      const before = (await disbursements()).length;
      await cast.fundManager.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'shared-key' });
      await finance.post(`/projects/${projectId}/disbursements`, body, { 'Idempotency-Key': 'shared-key' });
      expect((await disbursements()).length).toBe(before + 2);
    });
  });

  it('refuses a command with a stale If-Match and records nothing', async () => {
    const projectId = await endorsed(cast, sixtyThousand());
    const current = await cast.approver.get(`/projects/${projectId}`);
    const stale = `"${Number(JSON.parse(current.headers.get('etag')!)) - 1}"`;

    const refused = await cast.approver.post(`/projects/${projectId}/approve`, {}, { 'If-Match': stale });
    expect(refused.status).toBe(412);
    expect(refused.body.code).toBe('precondition.failed');
    expect((await cast.approver.get(`/projects/${projectId}`)).headers.get('etag')).toBe(current.headers.get('etag'));

    const accepted = await cast.approver.post(`/projects/${projectId}/approve`, {}, { 'If-Match': current.headers.get('etag')! });
    expect(accepted.status).toBe(200);
  });
});
