import { nationalProposal } from './support/fixtures.js';
import { approved } from './support/ledger-journeys.js';
import { ensureEnvelope, expectProblem, forgedToken, staffOf, type Staff } from './support/ledger.js';
import { Client, TestApp } from './support/test-app.js';

/**
 * The public funding portal's reads: a visitor without any token sees exactly what a donor
 * token sees (public fields, approved projects and later), unless the fund does not publish
 * (PUBLIC_PORTAL=false). Nothing else opens: commands, the queue, the audit trail, a donor's
 * own contributions still need a token, and a bad token is refused, never read as a visitor.
 */
const YEAR = new Date().getUTCFullYear();
const committed = nationalProposal();
const draft = nationalProposal();

describe('the public portal (PUBLIC_PORTAL, default true)', () => {
  let app: TestApp;
  let staff: Staff;
  let donor: Client;
  let position: string;

  beforeAll(async () => {
    app = await TestApp.start();
    staff = await staffOf(app);
    donor = await app.as('dora', 'donor');
    await ensureEnvelope(staff.admin, YEAR, 1, '1000000.00');
    position = await approved(staff, committed);
    const drafted = await staff.fundManager.post('/projects', draft);
    expect(drafted.status).toBe(201);
    position = drafted.body.position;
  });
  afterAll(() => app.stop());

  it.each([
    ['/portfolio'],
    [`/portfolio/${committed.projectId}`],
    ['/funding/summary?groupBy=region'],
    ['/funding/envelopes'],
    ['/funding/contributions'],
    ['/code-lists/thematic-areas'],
  ])('answers %s to a visitor exactly as to a donor token', async (path) => {
    const fresh = `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`;
    const [visitor, asDonor] = await Promise.all([app.anonymous().get(fresh), donor.get(fresh)]);
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual(asDonor.body);
  });

  it('lists committed projects only, with public fields only', async () => {
    const list = await app.anonymous().get(`/portfolio?minPosition=${position}`);
    const ids = (list.body.items as { projectId: string }[]).map((item) => item.projectId);
    expect(ids).toContain(committed.projectId);
    expect(ids).not.toContain(draft.projectId);
    expect(list.body.items[0]).not.toHaveProperty('internal');
    expectProblem(await app.anonymous().get(`/portfolio/${draft.projectId}`), 404, 'project.not-found');
  });

  it('opens nothing else: commands, the queue, the audit trail, a donor\'s own view need a token', async () => {
    expectProblem(await app.anonymous().get('/approval-queue'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get('/audit-trail'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get('/funding/my-contributions'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get(`/projects/${committed.projectId}`), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().post(`/projects/${committed.projectId}/suspend`, { reason: 'x' }), 401, 'auth.token-missing');
  });

  it('refuses a bad token on a public read rather than reading it as a visitor', async () => {
    const forged = new Client(app.baseUrl, await forgedToken('mallory', 'donor'));
    expectProblem(await forged.get('/portfolio'), 401, 'auth.token-invalid');
  });
});

describe('a fund that does not publish (PUBLIC_PORTAL=false)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ env: { PUBLIC_PORTAL: 'false' } });
  });
  afterAll(() => app.stop());

  it('asks every visitor for a token', async () => {
    expectProblem(await app.anonymous().get('/portfolio'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get('/funding/summary?groupBy=region'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get('/iati/activities.xml'), 401, 'auth.token-missing');
    expect((await (await app.as('dora', 'donor')).get('/portfolio')).status).toBe(200);
  });
});
