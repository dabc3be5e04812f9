import { jest } from '@jest/globals';
import { nationalProposal, regionalProposal } from './support/fixtures.js';
import { cents, ensureEnvelope, pause, staffOf, usd, utcToday, type Staff } from './support/ledger.js';
import { active, approved } from './support/ledger-journeys.js';
import { TestApp, type Client, type Reply } from './support/test-app.js';

/**
 * A project's whole life through the real HTTP API over the real embedded store, as the
 * people of the fund live it: drafted, endorsed by its government, submitted, reviewed,
 * approved against the year's envelope, implemented with money flowing, revised, extended,
 * reported on, completed and closed — and what the auditor can then read about it.
 */

jest.setTimeout(60_000);

const YEAR = new Date().getUTCFullYear();
const ENVELOPE = '1479887.00'; // the published 2019 line 1 envelope
const HASH = /^[0-9a-f]{64}$/;

let app: TestApp;
let staff: Staff;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
});

afterAll(() => app?.stop());

const envelope = async (reader: Client = staff.auditor) => {
  const reply = await reader.get(`/envelopes/${YEAR}/1`);
  expect(reply.status).toBe(200);
  return reply.body as { amount: string; reserved: string; available: string; revision: number };
};

/**
 * The steps of one story share one project: each `it` below is the next thing that happens
 * to it, in order (jest runs the tests of a file in the order they are written).
 */
describe('a national project, from draft to closed', () => {
  const proposal = nationalProposal();
  const { projectId } = proposal;
  const path = `/projects/${projectId}`;
  /** The project's revision after the last step: every recorded command adds exactly one event. */
  let revision = -1;
  const requestIds: Record<string, string> = {};

  /** A command that must be recorded as one event of `type`, leaving the project in `status`. */
  const recorded = (reply: Reply, type: string, status: string) => {
    revision += 1;
    expect({ status: reply.status, body: reply.body }).toMatchObject({
      status: type === 'ProjectDrafted' ? 201 : 200,
      body: { projectId, status, recorded: [type], revision },
    });
    expect(reply.headers.get('etag')).toBe(`"${revision}"`);
    expect(reply.body.position).toEqual(expect.any(String));
  };

  it('lets the admin open the envelope of this year, line 1', async () => {
    const opened = await staff.admin.post('/envelopes', { year: YEAR, fundingLine: 1, amount: ENVELOPE });

    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/envelopes/${YEAR}/1`);
    expect(opened.body).toMatchObject({ year: YEAR, fundingLine: 1, amount: ENVELOPE, reserved: '0.00', available: ENVELOPE });
    expect(await envelope(staff.donor)).toMatchObject({ amount: ENVELOPE, reserved: '0.00', available: ENVELOPE });
  });

  it('lets the fund manager draft the proposal: 201, its Location and ETag "0"', async () => {
    const drafted = await staff.fundManager.post('/projects', proposal);

    recorded(drafted, 'ProjectDrafted', 'draft');
    expect(drafted.headers.get('location')).toBe(path);
    expect(drafted.headers.get('etag')).toBe('"0"');
    const project = await staff.fundManager.get(path);
    expect(project.body).toMatchObject({
      projectId,
      primaId: proposal.primaId,
      status: 'draft',
      iatiActivityStatus: 1,
      coverage: 'national',
      fundingLine: 1,
      year: YEAR,
      beneficiaryStates: [{ code: 'KG', share: '100.00' }],
      budget: { total: '37887.00', staffAndOfficeCosts: '9000.00', operationalCosts: '28887.00' },
      money: { committed: '0.00', disbursed: '0.00', spent: '0.00' },
      draftedBy: 'fatima',
    });
  });

  it('lets the fund manager record the government endorsement and submit', async () => {
    recorded(
      await staff.fundManager.post(`${path}/government-endorsements`, {
        state: 'KG',
        endorsedOn: utcToday(-30),
        authority: 'Ministry of Labour and Social Development',
      }),
      'GovernmentEndorsementRecorded',
      'draft',
    );
    recorded(await staff.fundManager.post(`${path}/submit`), 'ProjectSubmitted', 'submitted');

    const project = await staff.approver.get(path);
    expect(project.body).toMatchObject({
      status: 'submitted',
      submittedBy: 'fatima',
      governmentEndorsements: { KG: { endorsedOn: utcToday(-30), authority: 'Ministry of Labour and Social Development', recordedBy: 'fatima' } },
    });
  });

  it('lets an approver endorse and approve it, reserving the whole budget from the envelope', async () => {
    recorded(await staff.approver.post(`${path}/endorse`), 'ProjectEndorsed', 'endorsed');
    recorded(await staff.approver.post(`${path}/approve`), 'ProjectApproved', 'approved');

    expect(await envelope()).toMatchObject({ amount: ENVELOPE, reserved: '37887.00', available: '1442000.00' });
    const project = await staff.approver.get(path);
    expect(project.body).toMatchObject({ status: 'approved', approvedBy: 'arturo', money: { committed: '37887.00', disbursed: '0.00' } });
  });

  it('lets the fund manager record the focal point and start implementation', async () => {
    recorded(
      await staff.fundManager.post(`${path}/focal-point`, {
        name: 'Aibek Osmonov',
        organisation: 'State Migration Service',
        email: 'focal.point@example.org',
      }),
      'FocalPointRecorded',
      'approved',
    );
    recorded(await staff.fundManager.post(`${path}/start`, {}), 'ImplementationStarted', 'active');

    const project = await staff.fundManager.get(path);
    expect(project.body).toMatchObject({
      status: 'active',
      iatiActivityStatus: 2,
      actualStartDate: utcToday(),
      focalPoint: { name: 'Aibek Osmonov', organisation: 'State Migration Service', email: 'focal.point@example.org' },
    });
  });

  it('records a disbursement by the finance officer and an expenditure by the fund manager', async () => {
    await pause(40); // a clear instant between the start and the disbursement, read back "as of" below
    const disbursement = await staff.financeOfficer.post(`${path}/disbursements`, {
      transactionId: 'disb-1',
      amount: '20000.00',
      valueDate: utcToday(),
      reference: 'PO-4711',
    });
    recorded(disbursement, 'DisbursementRecorded', 'active');
    expect(disbursement.body.transactionId).toBe('disb-1');

    const expenditure = await staff.fundManager.post(`${path}/expenditures`, { amount: '12500.50', valueDate: utcToday() });
    recorded(expenditure, 'ExpenditureRecorded', 'active');
    expect(expenditure.body.transactionId).toEqual(expect.any(String));

    const project = await staff.financeOfficer.get(path);
    expect(project.body.money).toEqual({
      committed: '37887.00',
      disbursed: '20000.00',
      spent: '12500.50',
      undisbursed: '17887.00',
      refunded: '0.00',
      unspentBalance: '7499.50',
    });
    expect(project.body.transactions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ transactionId: 'disb-1', kind: 'disbursement', amount: '20000.00', reference: 'PO-4711', recordedBy: 'farid' }),
        expect.objectContaining({ transactionId: expenditure.body.transactionId, kind: 'expenditure', amount: '12500.50', recordedBy: 'fatima' }),
      ]),
    );
  });

  it('takes a budget revision into effect only when an approver approves it; the envelope reserves the difference', async () => {
    const correlation = { 'X-Correlation-Id': 'budget-revision-2026-001' };
    const requested = await staff.fundManager.post(
      `${path}/budget-revisions`,
      { budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' }, reason: 'Two more training sessions requested by the ministry' },
      correlation,
    );
    recorded(requested, 'BudgetRevisionRequested', 'active');
    requestIds.revision = requested.body.requestId;
    expect(requestIds.revision).toEqual(expect.any(String));

    // Requested, not yet in effect: budget, commitment and envelope are as before.
    const pending = await staff.approver.get(path);
    expect(pending.body).toMatchObject({
      budget: { total: '37887.00' },
      money: { committed: '37887.00' },
      pendingBudgetRevision: { requestId: requestIds.revision, budget: { total: '45000.00' }, requestedBy: 'fatima' },
    });
    expect((await envelope()).reserved).toBe('37887.00');

    recorded(
      await staff.secondApprover.post(`${path}/budget-revisions/${requestIds.revision}/approve`, {}, correlation),
      'BudgetRevisionApproved',
      'active',
    );

    const revised = await staff.approver.get(path);
    expect(revised.body).toMatchObject({
      budget: { total: '45000.00', staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' },
      money: { committed: '45000.00', disbursed: '20000.00', spent: '12500.50' },
    });
    expect(revised.body.pendingBudgetRevision).toBeUndefined();
    // 45,000.00 − 37,887.00 = 7,113.00 more reserved.
    expect(await envelope()).toMatchObject({ reserved: '45000.00', available: usd(cents(ENVELOPE) - cents('45000.00')) });
  });

  it('moves the end date only when an approver approves the no-cost extension', async () => {
    const newEndDate = `${YEAR + 2}-06-30`;
    const requested = await staff.fundManager.post(`${path}/extensions`, {
      newEndDate,
      reason: 'Elections delayed the national consultations',
    });
    recorded(requested, 'NoCostExtensionRequested', 'active');
    requestIds.extension = requested.body.requestId;
    expect((await staff.approver.get(path)).body.currentEndDate).toBe(proposal.plannedEndDate);

    recorded(await staff.secondApprover.post(`${path}/extensions/${requestIds.extension}/approve`), 'NoCostExtensionApproved', 'active');

    const extended = await staff.approver.get(path);
    expect(extended.body).toMatchObject({ currentEndDate: newEndDate, plannedEndDate: proposal.plannedEndDate });
    expect(extended.body.pendingNoCostExtension).toBeUndefined();
    expect((await envelope()).reserved).toBe('45000.00'); // an extension costs nothing
  });

  it('has the interim report submitted by the fund manager and accepted by someone else', async () => {
    const submitted = await staff.fundManager.post(`${path}/reports`, { kind: 'interim', summary: 'Two of four trainings delivered.' });
    recorded(submitted, 'ReportSubmitted', 'active');
    requestIds.interim = submitted.body.reportId;

    recorded(await staff.approver.post(`${path}/reports/${requestIds.interim}/accept`), 'ReportAccepted', 'active');

    const project = await staff.approver.get(path);
    expect(project.body.reports[requestIds.interim!]).toMatchObject({
      kind: 'interim',
      status: 'accepted',
      submittedBy: 'fatima',
      decidedBy: 'arturo',
      summary: 'Two of four trainings delivered.',
    });
  });

  it('lets the fund manager complete the project (finalisation)', async () => {
    recorded(await staff.fundManager.post(`${path}/complete`, {}), 'ProjectCompleted', 'completed');

    const project = await staff.fundManager.get(path);
    expect(project.body).toMatchObject({ status: 'completed', iatiActivityStatus: 3, actualEndDate: utcToday() });
  });

  it('has the final narrative and final financial reports submitted and accepted', async () => {
    const narrative = await staff.fundManager.post(`${path}/reports`, { reportId: 'final-narrative-1', kind: 'final-narrative' });
    recorded(narrative, 'ReportSubmitted', 'completed');
    recorded(await staff.approver.post(`${path}/reports/final-narrative-1/accept`), 'ReportAccepted', 'completed');

    const financial = await staff.fundManager.post(`${path}/reports`, { reportId: 'final-financial-1', kind: 'final-financial' });
    recorded(financial, 'ReportSubmitted', 'completed');
    recorded(await staff.secondApprover.post(`${path}/reports/final-financial-1/accept`), 'ReportAccepted', 'completed');

    const project = await staff.approver.get(path);
    expect(Object.values(project.body.reports).map((r: any) => [r.kind, r.status])).toEqual(
      expect.arrayContaining([
        ['interim', 'accepted'],
        ['final-narrative', 'accepted'],
        ['final-financial', 'accepted'],
      ]),
    );
  });

  it('closes the project and releases into the envelope what was committed and not disbursed (rule 12)', async () => {
    const before = await envelope();
    // USD 7,499.50 disbursed and not spent: closing needs its refund or a reason.
    const unexplained = await staff.approver.post(`${path}/close`, {});
    expect(unexplained.status).toBe(409);
    expect(unexplained.body).toMatchObject({ code: 'closure.unspent-balance', detail: expect.stringContaining('USD 7499.50') });

    const closed = await staff.approver.post(`${path}/close`, { reason: 'All outputs delivered; final reports accepted' });
    recorded(closed, 'ProjectClosed', 'closed');

    // committed 45,000.00 − disbursed 20,000.00 = 25,000.00 released, and decommitted.
    const after = await envelope();
    expect(cents(before.reserved) - cents(after.reserved)).toBe(cents('25000.00'));
    expect(after).toMatchObject({ amount: ENVELOPE, reserved: '20000.00', available: usd(cents(ENVELOPE) - cents('20000.00')) });
    const trail = (await staff.auditor.get(`${path}/audit-trail?limit=100&minPosition=${closed.body.position}`)).body.items as any[];
    expect(trail.at(-1)).toMatchObject({
      type: 'ProjectClosed',
      changes: expect.arrayContaining([{ field: 'committed', before: '45000.00', after: '20000.00' }]),
    });
  });

  it('shows the closed project with its money, IATI status 4 and an ETag equal to its last revision', async () => {
    const project = await staff.auditor.get(path);

    expect(project.status).toBe(200);
    expect(revision).toBe(20);
    expect(project.headers.get('etag')).toBe(`"${revision}"`);
    expect(project.body).toMatchObject({
      projectId,
      primaId: proposal.primaId,
      status: 'closed',
      iatiActivityStatus: 4,
      revision,
      budget: { total: '45000.00', staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' },
      // After closure committed is the net disbursed (DOMAIN.md; ADR 0018); the budget stays the approved one.
      money: { committed: '20000.00', disbursed: '20000.00', spent: '12500.50', undisbursed: '0.00', refunded: '0.00', unspentBalance: '7499.50' },
      currentEndDate: `${YEAR + 2}-06-30`,
    });
    // 45,000.00 is still below the usual national floor of 50,000.00: allowed, flagged.
    expect(project.body.warnings).toEqual([expect.objectContaining({ code: 'budget.below-usual-floor' })]);
  });

  it('lists every event in order, attributed, explained where a reason was given, and hash-chained', async () => {
    const reply = await staff.auditor.get(`${path}/events`);
    expect(reply.status).toBe(200);
    const { events } = reply.body as { events: any[] };

    const expected: [type: string, actorId: string, actorRole: string][] = [
      ['ProjectDrafted', 'fatima', 'fund-manager'],
      ['GovernmentEndorsementRecorded', 'fatima', 'fund-manager'],
      ['ProjectSubmitted', 'fatima', 'fund-manager'],
      ['ProjectEndorsed', 'arturo', 'approver'],
      ['ProjectApproved', 'arturo', 'approver'],
      ['FocalPointRecorded', 'fatima', 'fund-manager'],
      ['ImplementationStarted', 'fatima', 'fund-manager'],
      ['DisbursementRecorded', 'farid', 'finance-officer'],
      ['ExpenditureRecorded', 'fatima', 'fund-manager'],
      ['BudgetRevisionRequested', 'fatima', 'fund-manager'],
      ['BudgetRevisionApproved', 'bintou', 'approver'],
      ['NoCostExtensionRequested', 'fatima', 'fund-manager'],
      ['NoCostExtensionApproved', 'bintou', 'approver'],
      ['ReportSubmitted', 'fatima', 'fund-manager'],
      ['ReportAccepted', 'arturo', 'approver'],
      ['ProjectCompleted', 'fatima', 'fund-manager'],
      ['ReportSubmitted', 'fatima', 'fund-manager'],
      ['ReportAccepted', 'arturo', 'approver'],
      ['ReportSubmitted', 'fatima', 'fund-manager'],
      ['ReportAccepted', 'bintou', 'approver'],
      ['ProjectClosed', 'arturo', 'approver'],
    ];
    expect(events.map((e) => [e.type, e.metadata.actorId, e.metadata.actorRole])).toEqual(expected);
    expect(events.map((e) => e.revision)).toEqual(expected.map((_, i) => i));
    expect(reply.body.nextFromRevision).toBeNull();

    const reasons = {
      9: 'Two more training sessions requested by the ministry',
      11: 'Elections delayed the national consultations',
      20: 'All outputs delivered; final reports accepted',
    } as Record<number, string>;
    let previous: any;
    for (const [i, event] of events.entries()) {
      const { metadata } = event;
      expect(metadata).toEqual(
        expect.objectContaining({
          recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          correlationId: expect.any(String),
          causationId: expect.any(String),
          schemaVersion: 1,
          hash: expect.stringMatching(HASH),
        }),
      );
      expect(metadata.previousHash).toBe(i === 0 ? '' : previous.metadata.hash);
      if (previous) expect(Date.parse(metadata.recordedAt)).toBeGreaterThanOrEqual(Date.parse(previous.metadata.recordedAt));
      expect(metadata.reason).toBe(reasons[i]);
      if (reasons[i] !== undefined) expect(event.data.reason).toBe(reasons[i]);
      previous = event;
    }
    // One request, one cause: every step was its own request.
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(events.length);
    // The budget revision's request and approval were tied together by the client's correlation id;
    // every other request started its own correlation.
    expect(events[9].metadata.correlationId).toBe('budget-revision-2026-001');
    expect(events[10].metadata.correlationId).toBe('budget-revision-2026-001');
    for (const event of events.filter((_, i) => i !== 9 && i !== 10)) {
      expect(event.metadata.correlationId).toBe(event.metadata.causationId);
    }

    // What the events say about the money: stored in cents (rule 1), shown in USD as commands take it.
    expect(events[4].data).toMatchObject({ approvedBy: 'arturo', committed: '37887.00', year: YEAR, fundingLine: 1 });
    expect(events[7].data).toMatchObject({ transactionId: 'disb-1', amount: '20000.00', recordedBy: 'farid' });
    expect(events[8].data).toMatchObject({ amount: '12500.50', recordedBy: 'fatima' });
    expect(events[10].data).toMatchObject({ previousCommitted: '37887.00', newCommitted: '45000.00', difference: '7113.00' });
    expect(events[12].data).toMatchObject({ previousEndDate: proposal.plannedEndDate, newEndDate: `${YEAR + 2}-06-30` });
    expect(events[20].data).toMatchObject({ committed: '45000.00', disbursed: '20000.00', releasedAmount: '25000.00', unspentBalance: '7499.50' });
  });

  it('verifies the hash chain as intact', async () => {
    const events = (await staff.auditor.get(`${path}/events`)).body.events;
    const verification = await staff.auditor.get(`${path}/events/verification`);

    expect(verification.status).toBe(200);
    expect(verification.body).toEqual({ projectId, events: 21, intact: true, lastHash: events[20].metadata.hash });
  });

  it('shows the project as it stood at an instant between two steps', async () => {
    const events = (await staff.auditor.get(`${path}/events`)).body.events;
    const started = Date.parse(events[6].metadata.recordedAt);
    const disbursed = Date.parse(events[7].metadata.recordedAt);
    expect(disbursed - started).toBeGreaterThanOrEqual(20);
    const between = new Date(Math.floor((started + disbursed) / 2)).toISOString();

    const then = await staff.auditor.get(`${path}?asOf=${encodeURIComponent(between)}`);

    expect(then.status).toBe(200);
    expect(then.headers.get('etag')).toBe('"6"');
    expect(then.body).toMatchObject({
      status: 'active',
      iatiActivityStatus: 2,
      revision: 6,
      budget: { total: '37887.00' },
      money: { committed: '37887.00', disbursed: '0.00', spent: '0.00' },
      currentEndDate: proposal.plannedEndDate,
    });
    expect(then.body.transactions).toEqual([]);

    // Exactly at the disbursement's instant, it is included.
    const atDisbursement = await staff.auditor.get(`${path}?asOf=${encodeURIComponent(events[7].metadata.recordedAt)}`);
    expect(atDisbursement.body).toMatchObject({ revision: 7, money: { disbursed: '20000.00', spent: '0.00' } });

    // Before it was drafted, it did not exist.
    const before = new Date(Date.parse(events[0].metadata.recordedAt) - 1000).toISOString();
    const missing = await staff.auditor.get(`${path}?asOf=${encodeURIComponent(before)}`);
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'project.not-found' });
  });
});

describe('cancellation', () => {
  it('gives the envelope back what was committed and not disbursed when an active project is cancelled', async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, ENVELOPE);
    const proposal = nationalProposal({ budget: { staffAndOfficeCosts: '15000.00', operationalCosts: '45000.00' } });
    const before = await envelope();

    const projectId = await active(staff, proposal);
    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('60000.00'));
    const disbursement = await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '25000.00', valueDate: utcToday() });
    expect(disbursement.status).toBe(200);

    const reason = 'The ministry withdrew its counterpart staff';
    const cancelled = await staff.approver.post(`/projects/${projectId}/cancel`, { reason });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', recorded: ['ProjectCancelled'] });
    // 60,000.00 committed − 25,000.00 disbursed = 35,000.00 back; the disbursed money stays reserved.
    const after = await envelope();
    expect(cents(after.reserved) - cents(before.reserved)).toBe(cents('25000.00'));
    const project = await staff.auditor.get(`/projects/${projectId}`);
    expect(project.body).toMatchObject({
      status: 'cancelled',
      iatiActivityStatus: 5,
      statusReason: reason,
      budget: { total: '60000.00' },
      money: { committed: '25000.00', disbursed: '25000.00', spent: '0.00' },
    });
    const events = (await staff.auditor.get(`/projects/${projectId}/events`)).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'ProjectCancelled',
      data: { cancelledBy: 'arturo', committed: '60000.00', disbursed: '25000.00', releasedAmount: '35000.00', reason },
      metadata: { actorId: 'arturo', actorRole: 'approver', reason },
    });

    // Money comes back late: a refund after cancellation goes back to the envelope at once.
    const head = await app.eventStoreHead();
    const byFundManager = await staff.fundManager.post(`/projects/${projectId}/refunds`, { amount: '10000.00', valueDate: utcToday() });
    expect(byFundManager).toMatchObject({ status: 403, body: { code: 'auth.role-not-allowed' } });
    const tooMuch = await staff.financeOfficer.post(`/projects/${projectId}/refunds`, { amount: '25000.01', valueDate: utcToday() });
    expect(tooMuch).toMatchObject({ status: 409, body: { code: 'refund.exceeds-unspent' } });
    expect(await app.eventStoreHead()).toBe(head);
    const refund = await staff.financeOfficer.post(`/projects/${projectId}/refunds`, { amount: '10000.00', valueDate: utcToday(), reference: 'RET-1', reason: 'Unspent advance returned' });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ status: 'cancelled', recorded: ['RefundRecorded'], transactionId: expect.any(String) });
    expect(cents(before.reserved) - cents((await envelope()).reserved)).toBe(-cents('15000.00'));
    const refunded = await staff.auditor.get(`/projects/${projectId}`);
    expect(refunded.body.money).toMatchObject({ committed: '15000.00', disbursed: '15000.00', refunded: '10000.00', unspentBalance: '15000.00' });
    const correction = await staff.financeOfficer.post(`/projects/${projectId}/transactions/${refund.body.transactionId}/corrections`, { correctedAmount: '9000.00', reason: 'Typo' });
    expect(correction.status).toBe(409);
    expect((await staff.auditor.get(`/projects/${projectId}/events/verification`)).body.intact).toBe(true);
  });

  it('gives the whole reservation back when an approved project is cancelled before any disbursement', async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, ENVELOPE);
    const before = await envelope();
    const projectId = await approved(staff, nationalProposal());
    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('37887.00'));

    const cancelled = await staff.approver.post(`/projects/${projectId}/cancel`, { reason: 'Duplicate of a project funded by another donor' });

    expect(cancelled.status).toBe(200);
    expect((await envelope()).reserved).toBe(before.reserved);
  });
});

describe('a budget revision that lowers the budget', () => {
  it('releases the difference into the envelope when approved, and cancelling later releases only what is left', async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, ENVELOPE);
    const before = await envelope();
    const projectId = await active(staff, nationalProposal({ budget: { staffAndOfficeCosts: '15000.00', operationalCosts: '45000.00' } }));
    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('60000.00'));

    const requested = await staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
      budget: { staffAndOfficeCosts: '12000.00', operationalCosts: '38000.00' },
      reason: 'One workshop will be hosted by the ministry at no cost',
    });
    expect(requested.status).toBe(200);
    const approval = await staff.approver.post(`/projects/${projectId}/budget-revisions/${requested.body.requestId}/approve`);
    expect(approval.status).toBe(200);

    // 60,000.00 → 50,000.00: 10,000.00 back into the envelope.
    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('50000.00'));
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.money).toMatchObject({ committed: '50000.00', disbursed: '0.00' });

    expect((await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '5000.00', valueDate: utcToday() })).status).toBe(200);
    expect((await staff.approver.post(`/projects/${projectId}/cancel`, { reason: 'Government changed priorities' })).status).toBe(200);
    // Only the disbursed 5,000.00 stays reserved.
    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('5000.00'));
  });
});

describe('a regional project', () => {
  it('needs the government endorsements of at least two beneficiary states before it can be submitted', async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, ENVELOPE);
    const proposal = regionalProposal();
    const path = `/projects/${proposal.projectId}`;
    const endorse = (state: string) =>
      staff.fundManager.post(`${path}/government-endorsements`, { state, endorsedOn: utcToday(-10), authority: `Ministry of Interior (${state})` });

    expect((await staff.fundManager.post('/projects', proposal)).status).toBe(201);
    expect((await endorse('KG')).status).toBe(200);

    const tooEarly = await staff.fundManager.post(`${path}/submit`);
    expect({ status: tooEarly.status, code: tooEarly.body.code }).toEqual({ status: 409, code: 'submission.endorsement-missing' });
    expect((await staff.fundManager.get(path)).body).toMatchObject({ status: 'draft', revision: 1 });

    expect((await endorse('KZ')).status).toBe(200);
    const submitted = await staff.fundManager.post(`${path}/submit`);
    expect({ status: submitted.status, projectStatus: submitted.body.status }).toEqual({ status: 200, projectStatus: 'submitted' });
  });

  it('is endorsed and approved like any other, reserving its budget from the envelope', async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, ENVELOPE);
    const proposal = regionalProposal();
    const before = await envelope();

    // Two of its three governments endorse it: enough for a regional project.
    const projectId = await approved(staff, proposal, { endorsements: ['KG', 'TJ'] });

    expect(cents((await envelope()).reserved) - cents(before.reserved)).toBe(cents('150000.00'));
    const project = await staff.auditor.get(`/projects/${projectId}`);
    expect(project.body).toMatchObject({
      status: 'approved',
      coverage: 'regional',
      // No share given: each state's exact third, shown rounded (the event records 33.34/33.33/33.33).
      beneficiaryStates: [
        { code: 'KG', share: '33.33' },
        { code: 'KZ', share: '33.33' },
        { code: 'TJ', share: '33.33' },
      ],
      budget: { total: '150000.00' },
      money: { committed: '150000.00' },
      warnings: [],
    });
    expect(Object.keys(project.body.governmentEndorsements).sort()).toEqual(['KG', 'TJ']);
  });
});

describe('an amendment that changes nothing', () => {
  it('records nothing and answers with the unchanged revision', async () => {
    const proposal = nationalProposal();
    expect((await staff.fundManager.post('/projects', proposal)).status).toBe(201);
    const { projectId, ...fields } = proposal;

    const amended = await staff.fundManager.post(`/projects/${projectId}/amend`, { title: fields.title, year: fields.year });

    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ projectId, status: 'draft', recorded: [], revision: 0 });
    expect(amended.headers.get('etag')).toBe('"0"');
    expect((await staff.auditor.get(`/projects/${projectId}/events`)).body.events).toHaveLength(1);
  });
});
