import { nationalProposal, regionalProposal } from './support/fixtures.js';
import { active, approved } from './support/ledger-journeys.js';
import { centsOf, MONEY, read, sumOf, withQuery, type Params } from './support/view-queries.js';
import { ensureEnvelope, expectProblem, staffOf, type Staff } from './support/ledger.js';
import { TestApp } from './support/test-app.js';

/**
 * What donors and fund managers look up, over HTTP on the embedded store: list filters with
 * several values, text search that folds what readers do not type (French, Spanish, Arabic),
 * the global group of the by-state summary, and the exact equal split of a project without
 * shares. A small portfolio of four projects, each with what one check needs.
 */

let app: TestApp;
let staff: Staff;
/** `{ minPosition }` of the last command: every query passes it (read-your-writes). */
let at: Params;
const YEAR = new Date().getUTCFullYear();

const french = nationalProposal({
  title: { fr: 'Amélioration de l’accès aux services migratoires', en: 'Better access to migration services' },
  description: { en: 'Support to the State Migration Service.' },
  thematicArea: 'labour-migration',
});
/** Three states, no share given: USD 100,000.00 split exactly equally. */
const arabic = regionalProposal({
  fundingLine: 2,
  title: { ar: 'دَعْمُ إِدارةِ الهِجْرَةِ فِي آسِيا الوُسْطى' },
  description: { en: 'Support to the migration administrations of three states.' },
  thematicArea: 'migration-and-health',
  budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.00' },
});
const global = nationalProposal({
  coverage: 'global',
  region: 'global',
  beneficiaryStates: [],
  title: { en: 'Global research on labour mobility' },
  description: { en: 'Comparative studies across regions.' },
  thematicArea: 'research-and-assessment',
  budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '120000.00' },
});
const spanish = nationalProposal({
  region: 'latin-america-and-the-caribbean',
  beneficiaryStates: [{ code: 'PE' }],
  title: { es: 'Migración laboral: niñas y niños en el Perú' },
  description: { es: 'Apoyo a la Superintendencia Nacional de Migraciones.' },
});

const ids = (page: { items: { projectId: string }[] }) => page.items.map((item) => item.projectId).sort();
const sorted = (...proposals: { projectId: string }[]) => proposals.map((proposal) => proposal.projectId).sort();

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '5000000.00');
  await ensureEnvelope(staff.admin, YEAR, 2, '5000000.00');
  await active(staff, french);
  await approved(staff, arabic);
  await approved(staff, global);
  const drafted = await staff.fundManager.post('/projects', spanish);
  expect(drafted.status).toBe(201);
  at = { minPosition: drafted.body.position };
});
afterAll(() => app.stop());

describe('list filters with several values', () => {
  it.each([
    [{ status: 'active,approved' }, () => sorted(french, arabic, global)],
    [{ status: 'approved,approved' }, () => sorted(arabic, global)],
    [{ status: ' draft , active ' }, () => sorted(spanish, french)],
    [{ state: 'KZ,PE' }, () => sorted(arabic, spanish)],
    [{ coverage: 'global,regional' }, () => sorted(arabic, global)],
    [{ region: 'global,latin-america-and-the-caribbean' }, () => sorted(global, spanish)],
    [{ type: 'labour-migration,research-and-assessment' }, () => sorted(french, global)],
    [{ line: '2,1', year: `${YEAR - 1},${YEAR}`, status: 'draft,approved' }, () => sorted(spanish, arabic, global)],
    [{ line: '2', coverage: 'national,global' }, () => []],
  ] as [Params, () => string[]][])('%j matches any of the values of each filter', async (filters, expected) => {
    expect(ids(await read(staff.auditor, '/portfolio', { ...at, ...filters }))).toEqual(expected());
  });

  it('takes a filter repeated as well as comma-separated', async () => {
    const page = await read(staff.auditor, withQuery('/portfolio?status=draft&status=active', at));
    expect(ids(page)).toEqual(sorted(spanish, french));
  });

  it.each([
    ['status=active,activ', 'status', '"activ"'],
    ['line=1,3', 'line', ' 3 is not allowed'],
    ['year=2019,20x9', 'year', '"20x9"'],
    ['state=KG,kz', 'state', '"kz"'],
    ['coverage=national,', 'coverage', '""'],
  ])('refuses %p with 400, naming the value not allowed', async (query, field, named) => {
    const reply = await staff.auditor.get(`/portfolio?${query}`);
    expectProblem(reply, 400, 'request.invalid');
    expect(reply.body.errors).toEqual([{ field, message: expect.stringContaining(named) }]);
  });

  it('filters the funding summary the same way, and its groups still add up', async () => {
    const summary = await read(staff.auditor, '/funding/summary', { ...at, groupBy: 'status', status: 'active,approved' });
    expect(summary.groups.map((group: { status: string }) => group.status)).toEqual(['active', 'approved']);
    expect(summary.total.projects).toBe(3);
    for (const field of MONEY) expect(sumOf(summary.groups, field)).toBe(centsOf(summary.total[field]));
  });

  it('filters the audit trail by several actors and event types', async () => {
    const trail = await read(staff.auditor, '/audit-trail', { ...at, type: 'ProjectDrafted,ProjectApproved', actor: 'fatima,bintou', limit: 200 });
    const entries = trail.items as { type: string; actorId: string }[];
    expect(new Set(entries.map((entry) => `${entry.type} by ${entry.actorId}`))).toEqual(new Set(['ProjectDrafted by fatima', 'ProjectApproved by bintou']));
    expect(entries.filter((entry) => entry.type === 'ProjectDrafted')).toHaveLength(4);
    expect(entries.filter((entry) => entry.type === 'ProjectApproved')).toHaveLength(3);
    expectProblem(await staff.auditor.get(`/audit-trail?actor=${'x'.repeat(201)}`), 400, 'request.invalid');
  });
});

describe('text search folds what readers do not type', () => {
  it.each([
    ['amelioration', french],
    ['AMÉLIORATION', french],
    ["l'acces", french],
    ['migracion ninas', spanish],
    ['Perú', spanish],
    ['الهجرة', arabic],
    ['ادارة', arabic],
    ['اسيا الوسطي', arabic],
  ])('finds %p', async (q, project) => {
    expect(ids(await read(staff.auditor, '/portfolio', { ...at, q }))).toEqual([project.projectId]);
  });

  it('finds nothing for a word that is not there', async () => {
    expect(ids(await read(staff.auditor, '/portfolio', { ...at, q: 'ameliorer' }))).toEqual([]);
  });
});

describe('the by-state funding summary', () => {
  it('shows global projects without a beneficiary state as a named group, and the groups add up to the total', async () => {
    const summary = await read(staff.auditor, '/funding/summary', { ...at, groupBy: 'state' });

    expect(summary.groups.at(-1)).toMatchObject({ state: 'global', label: 'Global (cross-regional)', projects: 1, budget: '150000.00' });
    expect(summary.groups.some((group: { state: unknown }) => group.state === null)).toBe(false);
    for (const field of MONEY) expect(sumOf(summary.groups, field)).toBe(centsOf(summary.total[field]));
  });

  it("splits a project without shares exactly equally: USD 100,000.00 over three states is 33,333.34 / 33,333.33 / 33,333.33", async () => {
    const summary = await read(staff.auditor, '/funding/summary', { ...at, groupBy: 'state', line: '2' });

    expect(summary.groups.map((group: Record<string, string>) => [group['state'], group['label'], group['budget'], group['committed']])).toEqual([
      ['KG', 'Kyrgyzstan', '33333.34', '33333.34'],
      ['KZ', 'Kazakhstan', '33333.33', '33333.33'],
      ['TJ', 'Tajikistan', '33333.33', '33333.33'],
    ]);
    expect(summary.total).toMatchObject({ projects: 1, budget: '100000.00', committed: '100000.00' });
    const card = await read(staff.auditor, `/portfolio/${arabic.projectId}`, at);
    expect(card.beneficiaryStates).toEqual([
      { code: 'KG', share: '33.33' },
      { code: 'KZ', share: '33.33' },
      { code: 'TJ', share: '33.33' },
    ]);
  });
});
