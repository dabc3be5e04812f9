import { nationalProposal } from './support/fixtures.js';
import { cents, expectProblem, usd } from './support/ledger.js';
import { TestApp, type Client } from './support/test-app.js';

/**
 * GET /fund/policy answers what the commands are decided under: a form that checks a
 * proposal against it refuses exactly what the server would. Configured with a ceiling and a
 * floor other than the defaults and a time zone far from UTC, so that an answer taken from
 * the defaults or from UTC cannot pass.
 */

const TIME_ZONE = 'Pacific/Kiritimati'; // UTC+14: its date differs from UTC's for 14 hours a day
let app: TestApp;
let manager: Client;

beforeAll(async () => {
  app = await TestApp.start({ env: { CEILING_LINE_1_NATIONAL: '150000.00', FLOOR_NATIONAL: '60000.00', FUND_TIME_ZONE: TIME_ZONE } });
  manager = await app.as('fm-policy', 'fund-manager');
});

afterAll(async () => {
  await app?.stop();
});

describe('GET /fund/policy', () => {
  it('answers the configured ceilings and floors, the defaults elsewhere, the staff-cost limit and the fund’s today', async () => {
    const reply = await manager.get('/fund/policy');
    expect(reply.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(reply.body).toEqual({
      ceilings: {
        '1': { national: '150000.00', regional: '200000.00', global: '200000.00' },
        '2': { national: '200000.00', regional: '300000.00', global: '300000.00' },
      },
      floors: { national: '60000.00', regional: '100000.00', global: '100000.00' },
      staffAndOfficeCostsMaxPercent: 30,
      timeZone: TIME_ZONE,
      today,
    });
  });

  it('is what DraftProject enforces: a budget at the ceiling is drafted, one cent over is refused', async () => {
    const { body: policy } = await manager.get('/fund/policy');
    const ceiling = cents(policy.ceilings['1'].national);
    // Staff costs at exactly the limit of the total, the rest operational.
    const staffAt = (total: number) => Math.floor((total * policy.staffAndOfficeCostsMaxPercent) / 100);
    const budget = (total: number, staff = staffAt(total)) => ({ staffAndOfficeCosts: usd(staff), operationalCosts: usd(total - staff) });

    const over = await manager.post('/projects', nationalProposal({ budget: budget(ceiling + 1) }));
    expectProblem(over, 422, 'budget.ceiling-exceeded');
    const at = await manager.post('/projects', nationalProposal({ budget: budget(ceiling) }));
    expect(at.status).toBe(201);
  });

  it('is what DraftProject enforces: staff costs at the limit are drafted, one cent more is refused', async () => {
    const { body: policy } = await manager.get('/fund/policy');
    const total = 10_000_000; // USD 100,000.00
    const limit = (total * policy.staffAndOfficeCostsMaxPercent) / 100;
    const over = await manager.post('/projects', nationalProposal({ budget: { staffAndOfficeCosts: usd(limit + 1), operationalCosts: usd(total - limit - 1) } }));
    expectProblem(over, 422, 'budget.staff-costs-exceeded');
    const at = await manager.post('/projects', nationalProposal({ budget: { staffAndOfficeCosts: usd(limit), operationalCosts: usd(total - limit) } }));
    expect(at.status).toBe(201);
  });

  it('flags a budget under the configured floor, as the policy says', async () => {
    const { body: policy } = await manager.get('/fund/policy');
    const floor = cents(policy.floors.national);
    const below = nationalProposal({ budget: { staffAndOfficeCosts: usd(0), operationalCosts: usd(floor - 1) } });
    const atFloor = nationalProposal({ budget: { staffAndOfficeCosts: usd(0), operationalCosts: usd(floor) } });
    expect((await manager.post('/projects', below)).status).toBe(201);
    expect((await manager.post('/projects', atFloor)).status).toBe(201);
    const warnings = async (projectId: string) => (await manager.get(`/projects/${projectId}`)).body.warnings.map((w: { code: string }) => w.code);
    expect(await warnings(below.projectId)).toEqual(['budget.below-usual-floor']);
    expect(await warnings(atFloor.projectId)).toEqual([]);
  });

  it('is for staff: a donor is refused, a visitor must sign in', async () => {
    const donor = await app.donorOf('donor-policy', 'Government of Switzerland');
    expectProblem(await donor.get('/fund/policy'), 403, 'auth.role-not-allowed');
    expectProblem(await app.anonymous().get('/fund/policy'), 401, 'auth.token-missing');
  });
});
