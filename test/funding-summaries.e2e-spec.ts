import { nationalProposal, regionalProposal } from './support/fixtures.js';
import { approved } from './support/ledger-journeys.js';
import { ensureEnvelope, expectProblem, staffOf, type Staff } from './support/ledger.js';
import { TestApp } from './support/test-app.js';

/**
 * GET /funding/summaries: the summaries of several groupings in one answer (the portal's
 * overview asks for six at once). Each is exactly what GET /funding/summary answers for that
 * grouping, with the same filters and audience.
 */
const YEAR = new Date().getUTCFullYear();
const GROUPINGS = ['region', 'state', 'type', 'year', 'line', 'status'] as const;

describe('GET /funding/summaries', () => {
  let app: TestApp;
  let staff: Staff;
  let position: string;
  let between: string;

  beforeAll(async () => {
    app = await TestApp.start();
    staff = await staffOf(app);
    await ensureEnvelope(staff.admin, YEAR, 1, '1000000.00');
    await approved(staff, nationalProposal());
    // An instant after the first approval and before the second was recorded.
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    position = await approved(staff, regionalProposal());
    // A draft: counted for staff, not for the public.
    const drafted = await staff.fundManager.post('/projects', nationalProposal());
    expect(drafted.status).toBe(201);
    position = drafted.body.position;
  });
  afterAll(() => app.stop());

  it('answers every grouping named, in that order, as GET /funding/summary answers each, for staff and visitors', async () => {
    for (const client of [staff.auditor, app.anonymous()]) {
      const many = await client.get(`/funding/summaries?groupBy=${GROUPINGS.join(',')}&minPosition=${position}`);
      expect(many.status).toBe(200);
      expect(many.body.summaries.map((summary: { groupBy: string }) => summary.groupBy)).toEqual([...GROUPINGS]);
      for (const [index, groupBy] of GROUPINGS.entries()) {
        const one = await client.get(`/funding/summary?groupBy=${groupBy}&minPosition=${position}`);
        expect(one.status).toBe(200);
        expect(many.body.summaries[index]).toEqual(one.body);
      }
    }
    // Staff see the draft, the public do not: the audience is the one-grouping form's.
    const [asStaff, asVisitor] = await Promise.all([staff.auditor.get('/funding/summaries?groupBy=status'), app.anonymous().get('/funding/summaries?groupBy=status')]);
    expect(asStaff.body.summaries[0].total.projects).toBe(asVisitor.body.summaries[0].total.projects + 1);
  });

  it('applies the list filters to every grouping, and takes a grouping named twice once', async () => {
    const filters = `line=1&year=${YEAR}&minPosition=${position}`;
    const many = await staff.auditor.get(`/funding/summaries?groupBy=year,region,year&${filters}`);
    expect(many.status).toBe(200);
    expect(many.body.summaries).toHaveLength(2);
    expect(many.body.summaries[0]).toEqual((await staff.auditor.get(`/funding/summary?groupBy=year&${filters}`)).body);
    expect(many.body.summaries[1]).toEqual((await staff.auditor.get(`/funding/summary?groupBy=region&${filters}`)).body);
  });

  it("answers as of an instant as GET /funding/summary answers as of it for the explorer's time travel", async () => {
    const then = await staff.auditor.get(`/funding/summaries?groupBy=region,status&asOf=${between}`);
    expect(then.status).toBe(200);
    for (const [index, groupBy] of (['region', 'status'] as const).entries()) {
      expect(then.body.summaries[index]).toEqual((await staff.auditor.get(`/funding/summary?groupBy=${groupBy}&asOf=${between}`)).body);
    }
    const now = await staff.auditor.get(`/funding/summaries?groupBy=status&minPosition=${position}`);
    expect(then.body.summaries[1].total.projects).toBeLessThan(now.body.summaries[0].total.projects);
  });

  it('refuses a missing or unknown grouping with a 400 problem', async () => {
    expectProblem(await staff.auditor.get('/funding/summaries'), 400, 'request.invalid');
    expectProblem(await staff.auditor.get('/funding/summaries?groupBy='), 400, 'request.invalid');
    const unknown = await staff.auditor.get('/funding/summaries?groupBy=region,donor');
    expectProblem(unknown, 400, 'request.invalid');
    expect(JSON.stringify(unknown.body)).toContain('donor');
    expectProblem(await staff.auditor.get('/funding/summaries?groupBy=region&status=nonsense'), 400, 'request.invalid');
  });
});
