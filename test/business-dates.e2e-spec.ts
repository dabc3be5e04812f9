import { jest } from '@jest/globals';
import { calendarDateIn } from '#domain';
import { nationalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, staffOf, utcToday, type Staff } from './support/ledger.js';
import { TestApp, type Reply } from './support/test-app.js';

/**
 * Business dates over HTTP (DOMAIN.md "Business dates", ADR 0019): every command may say on
 * which day it happened (`effectiveOn`), never in the future, never before the step it
 * follows; the card, the event list and the audit trail show it beside the instant it was
 * recorded at; value dates are checked against the approval, the start and today. Every
 * refusal records nothing: the event store's head does not move.
 */

jest.setTimeout(60_000);

const YEAR = new Date().getUTCFullYear();
const day = utcToday;

let app: TestApp;
let staff: Staff;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');
});

afterAll(() => app?.stop());

/** A project approved 35 days ago, entered today: each step says its own business date. */
async function backdatedApproval(): Promise<{ projectId: string; approval: Reply }> {
  const proposal = nationalProposal();
  const { projectId } = proposal;
  const steps: [Reply, number][] = [
    [await staff.fundManager.post('/projects', { ...proposal, effectiveOn: day(-40) }), 201],
    [await staff.fundManager.post(`/projects/${projectId}/government-endorsements`, { state: 'KG', endorsedOn: day(-45), authority: 'Cabinet of Ministers', effectiveOn: day(-39) }), 200],
    [await staff.fundManager.post(`/projects/${projectId}/submit`, { effectiveOn: day(-38) }), 200],
    [await staff.approver.post(`/projects/${projectId}/endorse`, { effectiveOn: day(-36) }), 200],
  ];
  for (const [reply, status] of steps) expect({ status: reply.status, body: reply.body }).toMatchObject({ status });
  const approval = await staff.secondApprover.post(`/projects/${projectId}/approve`, { effectiveOn: day(-35) });
  expect({ status: approval.status, body: approval.body }).toMatchObject({ status: 200, body: { status: 'approved' } });
  return { projectId, approval };
}

/** Sends a request that must be refused, and proves it recorded nothing anywhere. */
async function refused(send: () => Promise<Reply>, status: number, code: string): Promise<Reply> {
  const head = await app.eventStoreHead();
  const reply = await send();
  expectProblem(reply, status, code);
  expect(await app.eventStoreHead()).toBe(head);
  return reply;
}

describe('a backdated approval', () => {
  let projectId: string;
  let position: string;
  const recordedToday = (instant: unknown) => expect(String(instant).slice(0, 10)).toBe(day());

  beforeAll(async () => {
    const { projectId: id, approval } = await backdatedApproval();
    projectId = id;
    position = approval.body.position;
  });

  it('shows its business dates on the card, next to the instants they were recorded at', async () => {
    const card = await staff.fundManager.get(`/projects/${projectId}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      draftedOn: day(-40),
      submittedOn: day(-38),
      endorsedOn: day(-36),
      approvedOn: day(-35),
      statusChangedOn: day(-35),
      latestStep: { type: 'ProjectApproved', effectiveOn: day(-35) },
    });
    recordedToday(card.body.approvedAt);
    recordedToday(card.body.statusChangedAt);
  });

  it("lists each event with its business date and when it was recorded", async () => {
    const events = await staff.auditor.get(`/projects/${projectId}/events`);
    const approved = events.body.events.find((event: { type: string }) => event.type === 'ProjectApproved');
    expect(approved).toMatchObject({ effectiveOn: day(-35), data: { effectiveOn: day(-35) } });
    expect(approved.recordedAt).toBe(approved.metadata.recordedAt);
    recordedToday(approved.recordedAt);
  });

  it('shows both dates in the audit trail', async () => {
    const trail = await staff.auditor.get(`/projects/${projectId}/audit-trail?minPosition=${position}`);
    expect(trail.status).toBe(200);
    const approved = trail.body.items.find((entry: { type: string }) => entry.type === 'ProjectApproved');
    expect(approved).toMatchObject({ effectiveOn: day(-35), changes: expect.arrayContaining([{ field: 'approvedOn', before: null, after: day(-35) }]) });
    recordedToday(approved.recordedAt);
    // The latest step is the fold's own bookkeeping, not a change the trail shows.
    expect(approved.changes.map((change: { field: string }) => change.field)).not.toContain('latestStep.type');
  });

  it('refuses a command dated before the step it follows, naming that step', async () => {
    const reply = await refused(() => staff.fundManager.post(`/projects/${projectId}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service', effectiveOn: day(-36) }), 409, 'effective-on.before-previous-step');
    expect(reply.body.detail).toContain(`ProjectApproved on ${day(-35)}`);
  });

  it('refuses a disbursement dated before the approval', async () => {
    await refused(() => staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '100.00', valueDate: day(-36) }), 409, 'disbursement.before-approval');
    const onTheDay = await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '100.00', valueDate: day(-35), effectiveOn: day(-35) });
    expect(onTheDay.status).toBe(200);
  });

  it('refuses a value date after today', async () => {
    await refused(() => staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '100.00', valueDate: day(1) }), 422, 'transaction.value-date-in-future');
  });

  it('refuses an expenditure dated before the actual start', async () => {
    expect((await staff.fundManager.post(`/projects/${projectId}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service', effectiveOn: day(-30) })).status).toBe(200);
    const started = await staff.fundManager.post(`/projects/${projectId}/start`, { effectiveOn: day(-20) });
    expect({ status: started.status, body: started.body }).toMatchObject({ status: 200, body: { status: 'active' } });
    expect((await staff.fundManager.get(`/projects/${projectId}`)).body.actualStartDate).toBe(day(-20));
    await refused(() => staff.financeOfficer.post(`/projects/${projectId}/expenditures`, { amount: '50.00', valueDate: day(-21) }), 409, 'expenditure.before-start');
    expect((await staff.financeOfficer.post(`/projects/${projectId}/expenditures`, { amount: '50.00', valueDate: day(-20) })).status).toBe(200);
  });
});

describe('refused business dates', () => {
  it('refuses a command dated in the future', async () => {
    const proposal = nationalProposal();
    await refused(() => staff.fundManager.post('/projects', { ...proposal, effectiveOn: day(1) }), 422, 'effective-on.in-future');
    expect((await staff.fundManager.get(`/projects/${proposal.projectId}`)).status).toBe(404);
  });

  it('refuses a date that is not one', async () => {
    const reply = await refused(() => staff.admin.post('/envelopes', { year: YEAR + 3, fundingLine: 1, amount: '1.00', effectiveOn: '2024-02-30' }), 422, 'effective-on.invalid');
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'effectiveOn' })]);
  });

  it('refuses a contribution receipt dated before its pledge', async () => {
    const pledge = await staff.financeOfficer.post('/contributions', { donor: 'Government of Norway', year: YEAR, fundingLine: 1, amount: '1000.00', effectiveOn: day(-10) });
    expect(pledge.status).toBe(201);
    const { contributionId } = pledge.body;
    const reply = await refused(() => staff.financeOfficer.post(`/contributions/${contributionId}/receipts`, { amount: '10.00', receivedOn: day(-11), effectiveOn: day(-11) }), 409, 'effective-on.before-previous-step');
    expect(reply.body.detail).toContain(`ContributionPledged on ${day(-10)}`);
  });
});

describe("the default business date: today in the fund's time zone", () => {
  it('is the date in FUND_TIME_ZONE, not in UTC (Pacific/Kiritimati, UTC+14)', async () => {
    const kiritimati = await TestApp.start({ env: { FUND_TIME_ZONE: 'Pacific/Kiritimati' } });
    try {
      const fundManager = await kiritimati.as('fatima', 'fund-manager');
      const proposal = nationalProposal();
      const before = calendarDateIn(new Date().toISOString(), 'Pacific/Kiritimati');
      const drafted = await fundManager.post('/projects', proposal);
      const after = calendarDateIn(new Date().toISOString(), 'Pacific/Kiritimati');
      expect(drafted.status).toBe(201);
      const card = await fundManager.get(`/projects/${proposal.projectId}`);
      expect([before, after]).toContain(card.body.draftedOn);
      // From 10:00 UTC on, Kiritimati is a day ahead: its today is after the UTC date, and accepted.
      const tomorrowInUtc = day(1);
      const dated = await fundManager.post(`/projects/${proposal.projectId}/amend`, { description: { en: 'Dated in the fund’s zone' }, effectiveOn: tomorrowInUtc });
      expect(dated.status).toBe(after === tomorrowInUtc ? 200 : 422);
    } finally {
      await kiritimati.stop();
    }
  });
});
