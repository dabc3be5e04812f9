import { nationalProposal, regionalProposal } from './support/fixtures.js';
import { approved } from './support/ledger-journeys.js';
import { ensureEnvelope, expectProblem, staffOf, utcToday, type Staff } from './support/ledger.js';
import { centsOf, read, sumOf, type Params } from './support/view-queries.js';
import { TestApp, type Client } from './support/test-app.js';

/**
 * A donor organisation's own view, over HTTP: two donors feed one envelope (USD 300,000.00 and
 * 150,000.00 received, R = 450,000.00) from which three projects are committed (37,887.00,
 * 100,000.00, 150,000.00). Each donor sees its contributions and, pro rata to its share of the
 * receipts, its part of each commitment, adding up to what it gave to the cent.
 */

let app: TestApp;
let staff: Staff;
let norway: Client;
let germany: Client;
let at: Params;
const YEAR = new Date().getUTCFullYear();

const national = nationalProposal();
const regional = regionalProposal({ budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.00' } });
const global = nationalProposal({
  coverage: 'global',
  region: 'global',
  beneficiaryStates: [],
  budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '120000.00' },
});
/** Drafted only: nothing committed, never shown to a donor. */
const draft = nationalProposal();

async function contribute(contributionId: string, donor: string, fundingLine: 1 | 2, pledged: string, receipts: string[]): Promise<string> {
  const pledge = await staff.admin.post('/contributions', { contributionId, donor, year: YEAR, fundingLine, amount: pledged });
  expect(pledge.status).toBe(201);
  let position = pledge.body.position as string;
  for (const [index, amount] of receipts.entries()) {
    const receipt = await staff.financeOfficer.post(`/contributions/${contributionId}/receipts`, { receiptId: `R-${index + 1}`, amount, receivedOn: utcToday() });
    expect(receipt.status).toBe(200);
    position = receipt.body.position;
  }
  return position;
}

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  norway = await app.donorOf('nora', 'Government of Norway');
  germany = await app.donorOf('gerd', 'Germany (BMZ)');
  await ensureEnvelope(staff.admin, YEAR, 1, '1000000.00');
  for (const proposal of [national, regional, global]) await approved(staff, proposal);
  expect((await staff.fundManager.post('/projects', draft)).status).toBe(201);
  await contribute('NO-1', 'Government of Norway', 1, '600000.00', ['100000.00', '200000.00']);
  await contribute('NO-2', 'Government of Norway', 2, '50000.00', []);
  at = { minPosition: await contribute('DE-1', 'Germany (BMZ)', 1, '300000.00', ['150000.00']) };
});
afterAll(() => app.stop());

describe("a donor organisation's own view", () => {
  it('shows its pledges and receipts, a pledge not yet received included', async () => {
    const mine = await read(norway, '/funding/my-contributions', at);

    expect(mine.organisation).toBe('Government of Norway');
    expect(mine.contributions).toEqual([
      {
        contributionId: 'NO-1',
        year: YEAR,
        fundingLine: 1,
        pledged: '600000.00',
        received: '300000.00',
        outstanding: '300000.00',
        receipts: [
          { receiptId: 'R-1', amount: '100000.00', receivedOn: utcToday() },
          { receiptId: 'R-2', amount: '200000.00', receivedOn: utcToday() },
        ],
      },
      { contributionId: 'NO-2', year: YEAR, fundingLine: 2, pledged: '50000.00', received: '0.00', outstanding: '50000.00', receipts: [] },
    ]);
    expect(mine.total).toEqual({ pledged: '650000.00', received: '300000.00', outstanding: '350000.00' });
  });

  it('attributes its receipts pro rata to the projects committed from the envelope, adding up to what it gave', async () => {
    const mine = await read(norway, '/funding/my-contributions', at);

    // Only the envelope it received money for: (YEAR, 1), not the pledge of line 2.
    expect(mine.whereItWent).toHaveLength(1);
    const envelope = mine.whereItWent[0];
    expect(envelope).toMatchObject({ year: YEAR, fundingLine: 1, received: '300000.00', envelopeReceipts: '450000.00', shareOfReceipts: '66.67' });
    // X × committed / R: 300,000 × 37,887 / 450,000 = 25,258.00; × 100,000 → 66,666.666…
    // (the one cent left goes to its largest remainder); × 150,000 = 100,000.00.
    expect(envelope.projects.map((p: Record<string, string>) => [p['projectId'], p['committed'], p['attributed']])).toEqual(
      [
        [national.projectId, '37887.00', '25258.00'],
        [regional.projectId, '100000.00', '66666.67'],
        [global.projectId, '150000.00', '100000.00'],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
    expect(envelope.notYetCommitted).toBe('108075.33');
    expect(sumOf(envelope.projects, 'attributed') + centsOf(envelope.notYetCommitted)).toBe(centsOf(envelope.received));
  });

  it("gives the other donor the rest of each commitment, so the donors together are attributed each project's commitment", async () => {
    const theirs = await read(germany, '/funding/my-contributions', at);
    const ours = await read(norway, '/funding/my-contributions', at);

    const envelope = theirs.whereItWent[0];
    expect(envelope).toMatchObject({ received: '150000.00', envelopeReceipts: '450000.00', shareOfReceipts: '33.33', notYetCommitted: '54037.67' });
    expect(sumOf(envelope.projects, 'attributed') + centsOf(envelope.notYetCommitted)).toBe(15_000_000);
    for (const project of envelope.projects) {
      const other = ours.whereItWent[0].projects.find((p: { projectId: string }) => p.projectId === project.projectId);
      expect(centsOf(project.attributed) + centsOf(other.attributed)).toBe(centsOf(project.committed));
    }
  });

  it('shows projects with their public fields only', async () => {
    const mine = await read(norway, '/funding/my-contributions', at);

    const regionalLine = mine.whereItWent[0].projects.find((p: { projectId: string }) => p.projectId === regional.projectId);
    expect(Object.keys(regionalLine).sort()).toEqual(['attributed', 'committed', 'coverage', 'projectId', 'region', 'stateCodes', 'status', 'thematicArea', 'title']);
    expect(regionalLine).toMatchObject({ status: 'approved', coverage: 'regional', stateCodes: ['KG', 'KZ', 'TJ'], title: regional.title });
    expect(JSON.stringify(mine)).not.toContain(draft.projectId);
  });

  it('shows an organisation with no contribution nothing, not someone else’s', async () => {
    const sweden = await app.donorOf('sven', 'Sweden');
    expect(await read(sweden, '/funding/my-contributions', at)).toEqual({
      organisation: 'Sweden',
      contributions: [],
      total: { pledged: '0.00', received: '0.00', outstanding: '0.00' },
      whereItWent: [],
    });
  });

  it('refuses a donor token that names no organisation, and anyone but a donor', async () => {
    expectProblem(await staff.donor.get('/funding/my-contributions'), 403, 'donor.organisation-missing');
    expectProblem(await staff.auditor.get('/funding/my-contributions'), 403, 'auth.role-not-allowed');
  });
});
