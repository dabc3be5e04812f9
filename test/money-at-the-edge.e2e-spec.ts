import { regionalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, staffOf, utcToday, type Staff } from './support/ledger.js';
import { active, submittedProposal } from './support/ledger-journeys.js';
import { TestApp } from './support/test-app.js';

/**
 * What a client reads back is written as it writes it: money as decimal strings of USD, shares
 * as decimal strings of percent, on every answer that shows a project's money: its events,
 * its audit trail, its card, and the problems that name an amount. Through the real HTTP API
 * over the real embedded store.
 */

const YEAR = new Date().getUTCFullYear();

/** The numbers an answer may hold: years, lines, revisions, positions, codes, counts. None is money. */
const PLAIN_NUMBERS = new Set([
  'year',
  'fundingLine',
  'revision',
  'nextFromRevision',
  'schemaVersion',
  'positionCommit',
  'positionPrepare',
  'iatiActivityStatus',
  // counts and durations
  'projects',
  'contributions',
  'events',
  'waitingDays',
  'waitingSeconds',
]);

/** Every number in an answer, as `path: value`, whose key is not a plain number's. */
function moneyLeftAsNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return PLAIN_NUMBERS.has(path.split('.').at(-1)!) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, index) => moneyLeftAsNumbers(item, `${path}.${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => moneyLeftAsNumbers(inner, path === '' ? key : `${path}.${key}`));
}

let app: TestApp;
let staff: Staff;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
});

afterAll(() => app?.stop());

describe('money and shares at the edge', () => {
  const proposal = regionalProposal({
    beneficiaryStates: [
      { code: 'KG', share: '50' },
      { code: 'KZ', share: '30.5' },
      { code: 'TJ', share: '19.5' },
    ],
  });
  const { projectId } = proposal;
  let disbursementId: string;
  let lastPosition: string;

  beforeAll(async () => {
    await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');
    await active(staff, proposal);
    const disbursed = await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '20000.00', valueDate: utcToday() });
    expect(disbursed.status).toBe(200);
    disbursementId = disbursed.body.transactionId;
    const corrected = await staff.financeOfficer.post(`/projects/${projectId}/transactions/${disbursementId}/corrections`, {
      correctedAmount: '19500.25',
      reason: 'The bank deducted its fee',
    });
    expect(corrected.status).toBe(200);
    const approvedRevision = await staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '125000.00' },
      reason: 'Two more training sessions',
    });
    expect(approvedRevision.status).toBe(200);
    expect((await staff.approver.post(`/projects/${projectId}/budget-revisions/${approvedRevision.body.requestId}/approve`)).status).toBe(200);
    const pending = await staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '130000.50' },
      reason: 'A third session',
    });
    expect(pending.status).toBe(200);
    lastPosition = pending.body.position;
  });

  it('shows the events with their money in USD and their shares in percent', async () => {
    const reply = await staff.auditor.get(`/projects/${projectId}/events`);

    expect(reply.status).toBe(200);
    const data = (type: string) => reply.body.events.filter((event: any) => event.type === type).map((event: any) => event.data);
    expect(data('ProjectDrafted')[0]).toMatchObject({
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '120000.00' },
      budgetTotal: '150000.00',
      beneficiaryStates: [
        { code: 'KG', share: '50.00' },
        { code: 'KZ', share: '30.50' },
        { code: 'TJ', share: '19.50' },
      ],
    });
    expect(data('ProjectApproved')[0]).toMatchObject({ committed: '150000.00', year: YEAR, fundingLine: 1 });
    expect(data('DisbursementRecorded')[0]).toMatchObject({ transactionId: disbursementId, amount: '20000.00' });
    expect(data('TransactionCorrected')[0]).toMatchObject({ previousAmount: '20000.00', correctedAmount: '19500.25', difference: '-499.75' });
    expect(data('BudgetRevisionApproved')[0]).toMatchObject({ previousCommitted: '150000.00', newCommitted: '155000.00', difference: '5000.00' });
    expect(data('BudgetRevisionRequested')[1]).toMatchObject({ budgetTotal: '160000.50', budget: { operationalCosts: '130000.50' } });
    expect(moneyLeftAsNumbers(reply.body)).toEqual([]);
    // Only the rendering changed: the chain over the stored events still verifies.
    expect((await staff.auditor.get(`/projects/${projectId}/events/verification`)).body.intact).toBe(true);
  });

  it("shows the audit trail's before → after of money in USD and of shares in percent", async () => {
    const reply = await staff.auditor.get(`/projects/${projectId}/audit-trail?limit=200&minPosition=${lastPosition}`);

    expect(reply.status).toBe(200);
    const change = (type: string, field: string) =>
      reply.body.items.filter((entry: any) => entry.type === type).flatMap((entry: any) => entry.changes).find((c: any) => c.field === field);
    expect(change('ProjectDrafted', 'beneficiaryStates').after).toEqual([
      { code: 'KG', share: '50.00' },
      { code: 'KZ', share: '30.50' },
      { code: 'TJ', share: '19.50' },
    ]);
    expect(change('ProjectApproved', 'committed')).toEqual({ field: 'committed', before: '0.00', after: '150000.00' });
    expect(change('TransactionCorrected', 'disbursed')).toEqual({ field: 'disbursed', before: '20000.00', after: '19500.25' });
    expect(change('TransactionCorrected', 'transactions')).toMatchObject({
      before: { [disbursementId]: { amount: '20000.00' } },
      after: { [disbursementId]: { amount: '19500.25' } },
    });
    expect(change('BudgetRevisionApproved', 'budgetTotal')).toEqual({ field: 'budgetTotal', before: '150000.00', after: '155000.00' });
    // A change names its field apart from its values: the year and the line stay numbers.
    const changes = reply.body.items.flatMap((entry: any) => entry.changes).filter((c: any) => !PLAIN_NUMBERS.has(c.field));
    expect(changes.length).toBeGreaterThan(20);
    expect(moneyLeftAsNumbers(changes)).toEqual([]);
    expect(moneyLeftAsNumbers(reply.body.items.map(({ changes: _, ...entry }: any) => entry))).toEqual([]);
  });

  it("shows the card's internal transactions and pending revision in USD, like its totals", async () => {
    const reply = await staff.auditor.get(`/portfolio/${projectId}?minPosition=${lastPosition}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ budget: '155000.00', committed: '155000.00', disbursed: '19500.25' });
    expect(reply.body.internal.transactions[disbursementId]).toMatchObject({ kind: 'disbursement', amount: '19500.25' });
    expect(reply.body.internal.pendingBudgetRevision).toMatchObject({
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '130000.50' },
      budgetTotal: '160000.50',
    });
    expect(reply.body.beneficiaryStates).toEqual([
      { code: 'KG', share: '50.00' },
      { code: 'KZ', share: '30.50' },
      { code: 'TJ', share: '19.50' },
    ]);
    expect(moneyLeftAsNumbers(reply.body)).toEqual([]);
    const list = await staff.auditor.get(`/portfolio?minPosition=${lastPosition}`);
    expect(moneyLeftAsNumbers(list.body)).toEqual([]);
    const donorCard = await staff.donor.get(`/portfolio/${projectId}?minPosition=${lastPosition}`);
    expect(donorCard.body.transactionsPublic).toEqual([{ kind: 'disbursement', amount: '19500.25', valueDate: utcToday() }]);
    expect(moneyLeftAsNumbers(donorCard.body)).toEqual([]);
  });

  it('names an amount in a problem in USD: a correction to the amount already recorded', async () => {
    const reply = await staff.financeOfficer.post(`/projects/${projectId}/transactions/${disbursementId}/corrections`, {
      correctedAmount: '19500.25',
      reason: 'Again',
    });

    expectProblem(reply, 422, 'correction.no-change');
    expect(reply.body.detail).toBe(`transaction ${disbursementId} already amounts to USD 19500.25`);
  });

  it('says in percent by how much shares miss 100 %', async () => {
    const reply = await staff.fundManager.post('/projects', regionalProposal({ beneficiaryStates: [{ code: 'KG', share: '50' }, { code: 'KZ', share: '49.99' }] }));

    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.body.code).toBe('beneficiary.shares-invalid');
    expect(reply.body.detail).toBe('the shares add up to 99.99 % instead of 100.00 %');
  });

  it('leaves no money as a number in any other answer: project, envelope, contribution, funding views, queue', async () => {
    const waiting = regionalProposal();
    await submittedProposal(staff, waiting);
    const pledged = await staff.admin.post('/contributions', { contributionId: `C-${projectId}`, donor: 'Sweden', year: YEAR, fundingLine: 1, amount: '12345.67' });
    expect(pledged.status).toBe(201);
    const at = `minPosition=${pledged.body.position}`;
    const paths = [
      `/projects/${projectId}`,
      `/envelopes/${YEAR}/1`,
      `/contributions/C-${projectId}`,
      `/funding/summary?groupBy=state&${at}`,
      `/funding/envelopes?${at}`,
      `/funding/contributions?${at}`,
      `/approval-queue?${at}`,
    ];
    for (const path of paths) {
      const reply = await staff.auditor.get(path);
      expect({ path, status: reply.status, numbers: moneyLeftAsNumbers(reply.body) }).toEqual({ path, status: 200, numbers: [] });
    }
    const queue = await staff.auditor.get(`/approval-queue?${at}`);
    expect(queue.body.items).toContainEqual(expect.objectContaining({ projectId: waiting.projectId, budget: '150000.00' }));
  });
});

describe('code lists as donors see them', () => {
  it('shows a donor the code and the public label only, never the internal label', async () => {
    const reply = await staff.donor.get('/code-lists/thematic-areas');

    expect(reply.status).toBe(200);
    const policy = reply.body.entries.find((entry: any) => entry.code === 'policy-and-legal-framework-development');
    expect(policy).toEqual({ code: 'policy-and-legal-framework-development', label: 'Migration policy activities' });
    expect(JSON.stringify(reply.body)).not.toContain('Policy and legal framework development');
    expect(reply.body.entries.every((entry: any) => Object.keys(entry).sort().join() === 'code,label')).toBe(true);
    expect(reply.body.entries).toContainEqual({ code: 'labour-migration', label: 'Labour migration' });
  });

  it('shows staff both labels', async () => {
    const reply = await staff.auditor.get('/code-lists/thematic-areas');

    expect(reply.body.entries).toContainEqual({
      code: 'policy-and-legal-framework-development',
      label: 'Policy and legal framework development',
      publicLabel: 'Migration policy activities',
    });
    expect(reply.body.entries).toContainEqual({ code: 'labour-migration', label: 'Labour migration' });
  });

  it("shows a donor an entry's public label as soon as an admin adds it", async () => {
    const added = await staff.admin.post('/code-lists/regions/entries', {
      code: 'middle-east-and-north-africa',
      label: 'MENA (internal grouping)',
      publicLabel: 'Middle East and North Africa',
    });
    expect(added.status).toBe(201);
    expect(added.body.entries).toContainEqual({ code: 'middle-east-and-north-africa', label: 'MENA (internal grouping)', publicLabel: 'Middle East and North Africa' });

    const donor = await staff.donor.get('/code-lists/regions');
    expect(donor.body.entries).toContainEqual({ code: 'middle-east-and-north-africa', label: 'Middle East and North Africa' });
    expect(JSON.stringify(donor.body)).not.toContain('MENA (internal grouping)');
  });
});
