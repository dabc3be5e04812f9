import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { nationalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, staffOf, usd, utcToday, type Staff } from './support/ledger.js';
import {
  buildPortfolio,
  ENVELOPES,
  largestRemainder,
  moneyOf,
  PUBLIC_STATUSES,
  REASONS,
  sharesOf,
  viewTestPlans,
  YEAR,
  type BuiltPortfolio,
  type BuiltProject,
} from './support/portfolio-plans.js';
import { TestApp, type Client } from './support/test-app.js';
import {
  allPages,
  centsOf,
  GROUPINGS,
  MONEY,
  read,
  sumOf,
  withQuery,
  type Grouping,
  type Params,
} from './support/view-queries.js';

/**
 * The read side end to end: a small portfolio built through the real command API over the
 * real embedded store, then every view read over HTTP with the `position` the last command
 * returned (read-your-writes). What the views must show is computed from the plans the
 * portfolio was built from, never from the views themselves.
 */

/** DOMAIN.md: draft…retained → 1 Pipeline; active 2; suspended 6; completed 3; closed 4; cancelled, rejected 5. */
const IATI_STATUS: Record<string, number> = {
  draft: 1,
  submitted: 1,
  endorsed: 1,
  retained: 1,
  approved: 1,
  active: 2,
  suspended: 6,
  completed: 3,
  closed: 4,
  cancelled: 5,
  rejected: 5,
};

/** What a donor must never see in a project. */
const INTERNAL_FIELDS = ['internal', '_state', 'searchText', 'awaiting', 'awaitingSince', 'draftedAt', 'submittedAt', 'warnings'];

let app: TestApp;
let staff: Staff;
let portfolio: BuiltPortfolio;
/** `{ minPosition }` of the last command: every query below passes it. */
let at: Params;

/** Contributions: pledged by the admin, received by the finance officer. Money in USD strings. */
const CONTRIBUTIONS = [
  { contributionId: 'NO-2026-1', donor: 'Norway', line: 1 as const, pledged: '250000.00', receipts: ['100000.01'] },
  { contributionId: 'NO-2026-2', donor: 'Norway', line: 2 as const, pledged: '50000.00', receipts: [] as string[] },
  { contributionId: 'DE-2026-1', donor: 'Germany', line: 2 as const, pledged: '75000.50', receipts: ['25000.25', '50000.25'] },
  { contributionId: 'JP-2026-1', donor: 'Japan', line: 1 as const, pledged: '1000.03', receipts: [] as string[] },
];

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  portfolio = await buildPortfolio(staff, viewTestPlans());
  let last = portfolio.lastPosition;
  for (const contribution of CONTRIBUTIONS) {
    const pledged = await staff.admin.post('/contributions', {
      contributionId: contribution.contributionId,
      donor: contribution.donor,
      year: YEAR,
      fundingLine: contribution.line,
      amount: contribution.pledged,
    });
    expect(pledged.status).toBe(201);
    last = pledged.body.position;
    for (const [index, amount] of contribution.receipts.entries()) {
      const receipt = await staff.financeOfficer.post(`/contributions/${contribution.contributionId}/receipts`, {
        receiptId: `R-${index + 1}`,
        amount,
        receivedOn: utcToday(),
      });
      expect(receipt.status).toBe(200);
      last = receipt.body.position;
    }
  }
  at = { minPosition: last };
});

afterAll(() => app?.stop());

const ids = (items: readonly { projectId: string }[]) => items.map((item) => item.projectId).sort();
const idsOf = (projects: readonly BuiltProject[]) => projects.map((project) => project.projectId).sort();
const listed = async (client: Client, params: Params) => (await allPages(client, '/portfolio', { ...at, limit: 50, ...params })).items;

describe('the portfolio list', () => {
  it('lists every project for staff, each once, with its status, money as USD strings and the derived IATI status', async () => {
    const items = await listed(staff.auditor, {});

    expect(ids(items)).toEqual(idsOf(portfolio.projects));
    for (const project of portfolio.projects) {
      const item = items.find((candidate) => candidate.projectId === project.projectId);
      expect(item).toMatchObject({
        projectId: project.projectId,
        primaId: project.primaId,
        status: project.status,
        iatiActivityStatus: IATI_STATUS[project.status],
        coverage: project.plan.coverage,
        fundingLine: project.plan.line,
        region: project.plan.region,
        thematicArea: project.plan.type,
        year: project.plan.year,
        title: project.plan.title,
        budget: usd(project.budget),
        committed: usd(project.committed),
        disbursed: usd(project.disbursed),
        spent: usd(project.spent),
        stateCodes: project.plan.states.map((state) => state.code),
      });
      expect(item).not.toHaveProperty('_state');
      expect(item).not.toHaveProperty('searchText');
    }
  });

  type Filter = { name: string; params: Params; expected: (project: BuiltProject) => boolean };
  const filters = (): Filter[] => {
    const plans = viewTestPlans();
    const distinct = <T>(values: T[]) => [...new Set(values)];
    return [
      ...distinct(plans.map((plan) => plan.stage)).map((status) => ({
        name: `status=${status}`,
        params: { status },
        expected: (p: BuiltProject) => p.status === status,
      })),
      ...distinct(plans.map((plan) => plan.region)).map((region) => ({
        name: `region=${region}`,
        params: { region },
        expected: (p: BuiltProject) => p.plan.region === region,
      })),
      ...distinct(plans.flatMap((plan) => plan.states.map((state) => state.code))).map((state) => ({
        name: `state=${state}`,
        params: { state },
        expected: (p: BuiltProject) => p.plan.states.some((s) => s.code === state),
      })),
      ...distinct(plans.map((plan) => plan.type)).map((type) => ({
        name: `type=${type}`,
        params: { type },
        expected: (p: BuiltProject) => p.plan.type === type,
      })),
      ...distinct(plans.map((plan) => plan.line)).map((line) => ({
        name: `line=${line}`,
        params: { line },
        expected: (p: BuiltProject) => p.plan.line === line,
      })),
      ...distinct(plans.map((plan) => plan.year)).map((year) => ({
        name: `year=${year}`,
        params: { year },
        expected: (p: BuiltProject) => p.plan.year === year,
      })),
      ...distinct(plans.map((plan) => plan.coverage)).map((coverage) => ({
        name: `coverage=${coverage}`,
        params: { coverage },
        expected: (p: BuiltProject) => p.plan.coverage === coverage,
      })),
      {
        name: 'status=active&line=2&state=KG',
        params: { status: 'active', line: 2, state: 'KG' },
        expected: (p) => p.status === 'active' && p.plan.line === 2 && p.plan.states.some((s) => s.code === 'KG'),
      },
      {
        name: 'region=africa&year=previous',
        params: { region: 'africa', year: YEAR - 1 },
        expected: (p) => p.plan.region === 'africa' && p.plan.year === YEAR - 1,
      },
    ];
  };

  it('filters by status, region, beneficiary state, type, line, year and coverage, alone and together', async () => {
    for (const filter of filters()) {
      const items = await listed(staff.auditor, filter.params);
      const expected = idsOf(portfolio.projects.filter(filter.expected));
      expect({ filter: filter.name, ids: ids(items) }).toEqual({ filter: filter.name, ids: expected });
    }
    // A filter that matches nothing answers an empty page, not an error.
    expect(await listed(staff.auditor, { status: 'closed' })).toEqual([]);
    expect(await listed(staff.auditor, { state: 'FR' })).toEqual([]);
  });

  it('finds a project by a word of its title in Georgian, Arabic or Russian, whatever the case', async () => {
    const searches: [q: string, handle: string | undefined][] = [
      ['მიგრაციის', 'georgian'],
      ['პოლიტიკა', 'georgian'],
      ['ᲛᲘᲒᲠᲐᲪᲘᲘᲡ', 'georgian'], // Mtavruli capitals of the same word
      ['سياسة', 'arabic'],
      ['الهجرة', 'arabic'],
      ['سياسة الهجرة', 'arabic'],
      ['миграционная', 'russian'],
      ['МИГРАЦИОННАЯ', 'russian'],
      ['Миграционная Политика', 'russian'],
      ['мобильность', 'regional'],
      ['ТРУДОВАЯ', 'regional'],
      ['Strate\u0301gie', 'arabic'], // "Stratégie" written with a combining accent (NFD)
      ['CHISINAU', 'russian'], // an English word of the same project
      ['миграционная несуществующее', undefined], // every word must occur
      ['მიგრაციის', undefined],
    ];
    for (const [index, [q, handle]] of searches.entries()) {
      // The last search also filters by status: the Georgian project is active, not a draft.
      const extra = index === searches.length - 1 ? { status: 'draft' } : {};
      const items = await listed(staff.auditor, { q, ...extra });
      const expected = handle === undefined ? [] : [portfolio.byHandle(handle).projectId];
      expect({ q, found: ids(items) }).toEqual({ q, found: expected });
    }
    // The project id and the PRIMA id are searchable too.
    const georgian = portfolio.byHandle('georgian');
    expect(ids(await listed(staff.auditor, { q: georgian.primaId.toLowerCase() }))).toEqual([georgian.projectId]);
  });

  it('sorts by budget ascending and descending', async () => {
    const ascending = await listed(staff.auditor, { sort: 'budget', direction: 'asc' });
    const descending = await listed(staff.auditor, { sort: 'budget', direction: 'desc' });

    const budgets = ascending.map((item) => centsOf(item.budget));
    expect(budgets).toEqual([...budgets].sort((a, b) => a - b));
    expect(budgets).toEqual(portfolio.projects.map((p) => p.budget).sort((a, b) => a - b));
    expect(descending.map((item) => item.projectId)).toEqual(ascending.map((item) => item.projectId).reverse());
  });

  it('pages with a small limit through every project exactly once, in every sort', async () => {
    const all = idsOf(portfolio.projects);
    for (const params of [
      { limit: 2 },
      { limit: 3, sort: 'budget', direction: 'desc' },
      { limit: 1, sort: 'budget', direction: 'asc' },
      { limit: 2, sort: 'status' },
      { limit: 4, sort: 'year', direction: 'desc' },
      { limit: 5, sort: 'updatedAt' },
    ] as Params[]) {
      const { items, sizes } = await allPages(staff.auditor, '/portfolio', { ...at, ...params });
      const seen = items.map((item) => item.projectId);
      expect({ params, seen: [...seen].sort() }).toEqual({ params, seen: all });
      expect(new Set(seen).size).toBe(seen.length);
      expect(sizes.slice(0, -1).every((size) => size === params.limit)).toBe(true);
      // The pages, concatenated, are the one long page of the same sort.
      const whole = await listed(staff.auditor, { ...params, limit: 50 });
      expect(seen).toEqual(whole.map((item) => item.projectId));
    }
    // Paging a filtered list keeps the filter.
    const paged = await allPages(staff.auditor, '/portfolio', { ...at, limit: 1, region: 'asia-and-oceania' });
    expect([...paged.items.map((i) => i.projectId)].sort()).toEqual(idsOf(portfolio.projects.filter((p) => p.plan.region === 'asia-and-oceania')));
  });

  it('refuses a limit out of bounds with a 400 problem', async () => {
    expectProblem(await staff.auditor.get('/portfolio?limit=0'), 400, 'request.invalid');
    expectProblem(await staff.auditor.get('/portfolio?limit=201'), 400, 'request.invalid');
  });

  it('answers a cursor that is not one of its own (tampered, or made for another sort) with 400, not a server error', async () => {
    const first = await read(staff.auditor, '/portfolio', { ...at, limit: 2, sort: 'budget' });
    expect(first.nextCursor).toEqual(expect.any(String));

    const otherSort = await staff.auditor.get(withQuery('/portfolio', { limit: 2, sort: 'projectId', cursor: first.nextCursor }));
    const garbage = await staff.auditor.get(withQuery('/portfolio', { limit: 2, cursor: 'not-a-cursor' }));

    const tampered = await staff.auditor.get(withQuery('/portfolio', { limit: 2, sort: 'budget', cursor: `${first.nextCursor}x` }));

    expect(
      [otherSort, garbage, tampered].map((reply, index) => ({ case: ['other sort', 'garbage', 'tampered'][index], status: reply.status })),
    ).toEqual([
      { case: 'other sort', status: 400 },
      { case: 'garbage', status: 400 },
      { case: 'tampered', status: 400 },
    ]);
    expect(otherSort.body?.code).not.toBe('internal');
  });

  it('sends a page gzipped to a client that accepts gzip, plain to one that does not: the same JSON, the same ETag, 304 to either', async () => {
    const token = await app.token('aurelia', 'auditor');
    const path = withQuery('/portfolio', { ...at, limit: 50 });
    const gzipped = await rawGet(path, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' });
    const plain = await rawGet(path, { authorization: `Bearer ${token}` });
    const refused = await rawGet(path, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip;q=0, identity' });

    expect([gzipped, plain, refused].map((reply) => [reply.status, reply.headers['content-encoding']])).toEqual([
      [200, 'gzip'],
      [200, undefined],
      [200, undefined],
    ]);
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(JSON.parse(plain.body.toString('utf8')).items).toHaveLength(Math.min(50, portfolio.projects.length));
    expect(gzipped.headers.etag).toEqual(plain.headers.etag);

    const etag = String(plain.headers.etag);
    const notModified = await Promise.all([
      rawGet(path, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip', 'if-none-match': etag }),
      rawGet(path, { authorization: `Bearer ${token}`, 'if-none-match': etag }),
    ]);
    expect(notModified.map((reply) => [reply.status, reply.body.length])).toEqual([
      [304, 0],
      [304, 0],
    ]);
  });
});

/** A GET as bytes, with exactly the given headers (fetch would ask for gzip and unzip on its own). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${app.baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe('the project card', () => {
  it('shows the record, its money as USD strings, the IATI status, the delivery rate and a below-floor warning', async () => {
    const georgian = portfolio.byHandle('georgian');

    const card = await read(staff.approver, `/portfolio/${georgian.projectId}`, at);

    expect(card).toMatchObject({
      projectId: georgian.projectId,
      primaId: georgian.primaId,
      title: { ka: 'მიგრაციის პოლიტიკა', en: 'Kyrgyz national framework' },
      status: 'active',
      iatiActivityStatus: 2,
      coverage: 'national',
      fundingLine: 1,
      region: 'asia-and-oceania',
      thematicArea: 'policy-and-legal-framework-development',
      year: YEAR,
      beneficiaryStates: [{ code: 'KG', share: '100.00' }],
      budget: '37887.01',
      staffAndOfficeCosts: '9000.00',
      operationalCosts: '28887.01',
      committed: '37887.01',
      disbursed: '20000.00',
      spent: '12500.55',
      // 12,500.55 ÷ 20,000.00 = 62.50275 %
      deliveryRate: '62.50',
      splits: [{ state: 'KG', budget: '37887.01', committed: '37887.01', disbursed: '20000.00', spent: '12500.55' }],
      transactionsPublic: [
        { kind: 'disbursement', amount: '20000.00', valueDate: utcToday() },
        { kind: 'expenditure', amount: '12500.55', valueDate: utcToday() },
      ],
      actualStartDate: utcToday(),
    });
    // 37,887.01 is below the usual national floor of 50,000.00: allowed, flagged.
    expect(card.warnings).toEqual([expect.objectContaining({ code: 'budget.below-usual-floor', detail: expect.stringContaining('37887.01') })]);
    // Staff see who did what.
    expect(card.internal).toMatchObject({ draftedBy: 'fatima', approvedBy: 'bintou' });
    expect(card).not.toHaveProperty('_state');
  });

  it("splits a regional project's money over its states by their shares, to the cent, by largest remainder", async () => {
    const regional = portfolio.byHandle('regional');

    const card = await read(staff.auditor, `/portfolio/${regional.projectId}`, at);

    expect(card.beneficiaryStates).toEqual([
      { code: 'KG', share: '33.33' },
      { code: 'KZ', share: '33.33' },
      { code: 'TJ', share: '33.34' },
    ]);
    // 150,000.01 × 33.33 % = 49,995.003333 → 49,995.00 (twice); × 33.34 % = 50,010.003334 → 50,010.00,
    // and the one cent left goes to the largest remainder, TJ's.
    expect(card.splits.map((split: any) => [split.state, split.budget])).toEqual([
      ['KG', '49995.00'],
      ['KZ', '49995.00'],
      ['TJ', '50010.01'],
    ]);
    for (const field of MONEY) {
      const parts = largestRemainder(regional[field], sharesOf(regional.plan));
      expect({ field, splits: card.splits.map((split: any) => split[field]) }).toEqual({ field, splits: parts.map(usd) });
      expect(sumOf(card.splits, field)).toBe(centsOf(card[field]));
    }
    expect(card).toMatchObject({ budget: '150000.01', disbursed: '100000.01', spent: '33333.33', warnings: [] });
    // 33,333.33 ÷ 100,000.01 = 33.333329…%
    expect(card.deliveryRate).toBe('33.33');
  });

  it('gives an equal split when no share was given, and shows every status with its IATI code', async () => {
    const equal = await read(staff.auditor, `/portfolio/${portfolio.byHandle('equal-split').projectId}`, at);
    expect(equal.beneficiaryStates).toEqual([
      { code: 'KZ', share: '50.00' },
      { code: 'UZ', share: '50.00' },
    ]);
    // 120,000.03 / 2 = 60,000.015: the odd cent goes to the first state (ties to the earlier part).
    expect(equal.splits.map((split: any) => split.budget)).toEqual(['60000.02', '60000.01']);

    for (const project of portfolio.projects) {
      const card = await read(staff.auditor, `/portfolio/${project.projectId}`, at);
      expect({ handle: project.plan.handle, status: card.status, iati: card.iatiActivityStatus }).toEqual({
        handle: project.plan.handle,
        status: project.status,
        iati: IATI_STATUS[project.status],
      });
    }
    const cancelled = await read(staff.auditor, `/portfolio/${portfolio.byHandle('cancelled').projectId}`, at);
    // Cancellation decommits what it released: committed is the disbursed part; the budget stays (ADR 0018).
    expect(cancelled).toMatchObject({ status: 'cancelled', budget: '60000.13', committed: '25000.00', disbursed: '25000.00', unspentBalance: '25000.00', refunded: '0.00', deliveryRate: '0.00' });
    expect(cancelled.internal.statusReason).toBe(REASONS.cancelled);
  });

  it('answers 404 for a project that does not exist', async () => {
    expectProblem(await staff.auditor.get(withQuery('/portfolio/PO.999999', at)), 404, 'project.not-found');
  });
});

describe('the funding summary', () => {
  /** The expected groups of a grouping, computed from the plans: group value → money in cents. */
  function expectedGroups(projects: readonly BuiltProject[], groupBy: Grouping) {
    const FLOWS = [...MONEY, 'refunded', 'unspentBalance'] as const;
    type Row = { value: string | number; projects: number } & Record<(typeof FLOWS)[number], number>;
    const groups = new Map<string, Row>();
    const add = (group: string | number, amounts: Record<(typeof FLOWS)[number], number>) => {
      const key = String(group);
      const row = groups.get(key) ?? { value: group, projects: 0, budget: 0, committed: 0, disbursed: 0, spent: 0, refunded: 0, unspentBalance: 0 };
      row.projects += 1;
      for (const field of FLOWS) row[field] += amounts[field];
      groups.set(key, row);
    };
    for (const project of projects) {
      if (groupBy === 'state') {
        const shares = sharesOf(project.plan);
        const parts = Object.fromEntries(FLOWS.map((field) => [field, largestRemainder(project[field], shares)])) as Record<string, number[]>;
        project.plan.states.forEach((state, index) => {
          add(state.code, Object.fromEntries(FLOWS.map((field) => [field, parts[field]![index]!])) as Record<(typeof FLOWS)[number], number>);
        });
        continue;
      }
      const value = { region: project.plan.region, type: project.plan.type, year: project.plan.year, line: project.plan.line, status: project.status }[
        groupBy
      ];
      add(value, project);
    }
    return groups;
  }

  const rate = (spent: number, disbursed: number) => {
    if (disbursed === 0) return null;
    const hundredths = (2n * BigInt(spent) * 10_000n + BigInt(disbursed)) / (2n * BigInt(disbursed));
    return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  };

  it.each(GROUPINGS)('adds the groups up to the total to the cent, by %s, for staff', async (groupBy) => {
    const summary = await read(staff.auditor, '/funding/summary', { ...at, groupBy });

    expect(summary.groupBy).toBe(groupBy);
    for (const field of MONEY) {
      expect({ field, groups: sumOf(summary.groups, field) }).toEqual({ field, groups: centsOf(summary.total[field]) });
    }
    // The total is the plain sum over the projects, each counted once (a regional project too).
    const all = moneyOf(portfolio.projects);
    expect(summary.total).toEqual({
      projects: portfolio.projects.length,
      budget: usd(all.budget),
      committed: usd(all.committed),
      disbursed: usd(all.disbursed),
      spent: usd(all.spent),
      refunded: usd(all.refunded),
      unspentBalance: usd(all.unspentBalance),
      deliveryRate: rate(all.spent, all.disbursed),
    });
    // Each group is what the plans say it must be.
    const expected = expectedGroups(portfolio.projects, groupBy);
    const actual = new Map<string, Record<string, unknown>>(summary.groups.map((group: any) => [String(group[groupBy]), group]));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, row] of expected) {
      expect({ group: key, ...actual.get(key) }).toEqual({
        group: key,
        [groupBy]: row.value,
        // By state, each group also carries its label (the country's name).
        ...(groupBy === 'state' ? { label: new Intl.DisplayNames(['en'], { type: 'region' }).of(String(row.value)) } : {}),
        projects: row.projects,
        budget: usd(row.budget),
        committed: usd(row.committed),
        disbursed: usd(row.disbursed),
        spent: usd(row.spent),
        refunded: usd(row.refunded),
        unspentBalance: usd(row.unspentBalance),
        deliveryRate: rate(row.spent, row.disbursed),
      });
    }
  });

  it("counts a regional project's money once in the total, though it falls in one group per state", async () => {
    const byState = await read(staff.auditor, '/funding/summary', { ...at, groupBy: 'state' });
    const byRegion = await read(staff.auditor, '/funding/summary', { ...at, groupBy: 'region' });

    const memberships = portfolio.projects.reduce((n, p) => n + p.plan.states.length, 0);
    expect(byState.groups.reduce((n: number, group: any) => n + group.projects, 0)).toBe(memberships);
    expect(byState.total.projects).toBe(portfolio.projects.length);
    expect(byState.total).toEqual(byRegion.total);
    // KG: the national Georgian-titled project whole, and a third / a fifth of the regional and global ones.
    const kg = byState.groups.find((group: any) => group.state === 'KG');
    const regional = portfolio.byHandle('regional');
    const global = portfolio.byHandle('global');
    expect(centsOf(kg.budget)).toBe(portfolio.byHandle('georgian').budget + largestRemainder(regional.budget, [3333, 3333, 3334])[0]! + largestRemainder(global.budget, [2000, 3000, 5000])[0]!);
  });

  it('keeps the filters of the list: groups of the filtered projects add up to their total', async () => {
    for (const params of [{ state: 'KG' }, { status: 'active' }, { line: 2 }, { region: 'asia-and-oceania', year: YEAR }] as Params[]) {
      for (const groupBy of GROUPINGS) {
        const summary = await read(staff.auditor, '/funding/summary', { ...at, groupBy, ...params });
        const matching = await listed(staff.auditor, params);
        expect({ params, groupBy, projects: summary.total.projects }).toEqual({ params, groupBy, projects: matching.length });
        for (const field of MONEY) {
          expect({ params, groupBy, field, total: centsOf(summary.total[field]) }).toEqual({ params, groupBy, field, total: sumOf(matching, field) });
          expect({ params, groupBy, field, groups: sumOf(summary.groups, field) }).toEqual({ params, groupBy, field, groups: centsOf(summary.total[field]) });
        }
      }
    }
  });

  it('shows donors the same sums over the public projects only', async () => {
    const visible = portfolio.projects.filter((p) => PUBLIC_STATUSES.includes(p.status));
    for (const groupBy of GROUPINGS) {
      const summary = await read(staff.donor, '/funding/summary', { ...at, groupBy });
      const money = moneyOf(visible);
      expect({ groupBy, total: summary.total }).toEqual({
        groupBy,
        total: {
          projects: visible.length,
          budget: usd(money.budget),
          committed: usd(money.committed),
          disbursed: usd(money.disbursed),
          spent: usd(money.spent),
          refunded: usd(money.refunded),
          unspentBalance: usd(money.unspentBalance),
          deliveryRate: rate(money.spent, money.disbursed),
        },
      });
      for (const field of MONEY) expect(sumOf(summary.groups, field)).toBe(centsOf(summary.total[field]));
    }
    const byStatus = await read(staff.donor, '/funding/summary', { ...at, groupBy: 'status' });
    expect(byStatus.groups.map((group: any) => group.status).sort()).toEqual([...new Set(visible.map((p) => p.status))].sort());
  });

  it('refuses an unknown grouping with a 400 problem', async () => {
    expectProblem(await staff.auditor.get('/funding/summary?groupBy=donor'), 400, 'request.invalid');
    expectProblem(await staff.auditor.get('/funding/summary'), 400, 'request.invalid');
  });
});

describe('envelopes and contributions', () => {
  it('shows each envelope: its size, what is reserved, what was disbursed, what remains', async () => {
    const { items } = await read(staff.donor, '/funding/envelopes', at);

    expect(items.map((item: any) => `${item.year}-${item.fundingLine}`).sort()).toEqual(ENVELOPES.map((e) => `${e.year}-${e.line}`).sort());
    for (const envelope of ENVELOPES) {
      const inIt = portfolio.projects.filter((p) => p.plan.year === envelope.year && p.plan.line === envelope.line);
      const reserved = inIt.reduce((sum, p) => sum + p.reserved, 0);
      const disbursed = inIt.reduce((sum, p) => sum + p.disbursed, 0);
      const item = items.find((candidate: any) => candidate.year === envelope.year && candidate.fundingLine === envelope.line);
      expect(item).toEqual({
        year: envelope.year,
        fundingLine: envelope.line,
        amount: envelope.amount,
        reserved: usd(reserved),
        disbursed: usd(disbursed),
        remaining: usd(centsOf(envelope.amount) - reserved),
      });
      // The same figures as the envelope itself (the command side).
      const live = await read(staff.auditor, `/envelopes/${envelope.year}/${envelope.line}`);
      expect({ amount: live.amount, reserved: live.reserved, remaining: live.available }).toEqual({
        amount: item.amount,
        reserved: item.reserved,
        remaining: item.remaining,
      });
    }
  });

  it('shows contributions per donor: pledged and received, a pledge not counted as received', async () => {
    const reply = await read(staff.donor, '/funding/contributions', at);

    const expected = new Map<string, { contributions: number; pledged: number; received: number }>();
    for (const c of CONTRIBUTIONS) {
      const row = expected.get(c.donor) ?? { contributions: 0, pledged: 0, received: 0 };
      row.contributions += 1;
      row.pledged += centsOf(c.pledged);
      row.received += c.receipts.reduce((sum, r) => sum + centsOf(r), 0);
      expected.set(c.donor, row);
    }
    expect([...reply.donors].sort((a: any, b: any) => (a.donor < b.donor ? -1 : 1))).toEqual(
      [...expected.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([donor, row]) => ({
          donor,
          contributions: row.contributions,
          pledged: usd(row.pledged),
          received: usd(row.received),
          outstanding: usd(row.pledged - row.received),
        })),
    );
    // Norway: 300,000.00 pledged, only 100,000.01 of it received; Japan only pledged.
    expect(reply.donors.find((d: any) => d.donor === 'Norway')).toMatchObject({ pledged: '300000.00', received: '100000.01', outstanding: '199999.99' });
    expect(reply.donors.find((d: any) => d.donor === 'Japan')).toMatchObject({ pledged: '1000.03', received: '0.00' });
    // 250,000.00 + 50,000.00 + 75,000.50 + 1,000.03 pledged; 100,000.01 + 25,000.25 + 50,000.25 received.
    expect(reply.total).toEqual({ contributions: 4, pledged: '376000.53', received: '175000.51', outstanding: '201000.02' });
    for (const field of ['pledged', 'received', 'outstanding']) expect(sumOf(reply.donors, field)).toBe(centsOf(reply.total[field]));
  });
});

describe('the approval queue', () => {
  it('shows what waits for endorsement or approval, oldest first, with how long each has waited', async () => {
    const before = Date.now();
    const { items } = await allPages(staff.approver, '/approval-queue', { ...at, limit: 2 });
    const after = Date.now();

    const waiting = ['russian', 'equal-split', 'retained'].map((handle) => portfolio.byHandle(handle));
    expect(items.map((item) => item.projectId)).toEqual(waiting.map((p) => p.projectId));
    expect(items.map((item) => [item.status, item.awaiting])).toEqual([
      ['submitted', 'endorsement'],
      ['endorsed', 'approval'],
      ['retained', 'approval'],
    ]);
    const since = items.map((item) => Date.parse(item.waitingSince));
    expect(since).toEqual([...since].sort((a, b) => a - b));
    for (const [index, item] of items.entries()) {
      // Waiting since the event that put it in the queue (submission, endorsement, retention).
      const trail = (await allPages(staff.auditor, `/projects/${item.projectId}/audit-trail`, at)).items;
      const putThere = trail.filter((entry) => ['ProjectSubmitted', 'ProjectEndorsed', 'ProjectRetained'].includes(entry.type)).at(-1);
      expect(item.waitingSince).toBe(putThere.recordedAt);
      expect(item.waitingSeconds).toBeGreaterThanOrEqual(Math.floor((before - since[index]!) / 1000) - 1);
      expect(item.waitingSeconds).toBeLessThanOrEqual(Math.ceil((after - since[index]!) / 1000) + 1);
      expect(item.waitingDays).toBe(0);
      expect(item).toMatchObject({ budget: usd(waiting[index]!.budget), year: YEAR, title: waiting[index]!.plan.title });
    }
  });

  it('shows the newest first when asked', async () => {
    const newestFirst = (await allPages(staff.approver, '/approval-queue', { ...at, direction: 'desc' })).items;
    expect(newestFirst.map((item) => item.projectId)).toEqual(['retained', 'equal-split', 'russian'].map((h) => portfolio.byHandle(h).projectId));
  });
});

describe('the audit trail', () => {
  const changeOf = (entry: any, field: string) => entry.changes.find((change: any) => change.field === field);

  it("lists one project's events in order, attributed, with the fields each changed before → after", async () => {
    const georgian = portfolio.byHandle('georgian');

    const { items } = await allPages(staff.auditor, `/projects/${georgian.projectId}/audit-trail`, { ...at, limit: 4 });

    expect(items.map((entry) => [entry.type, entry.actorId, entry.actorRole])).toEqual([
      ['ProjectDrafted', 'fatima', 'fund-manager'],
      ['GovernmentEndorsementRecorded', 'fatima', 'fund-manager'],
      ['ProjectSubmitted', 'fatima', 'fund-manager'],
      ['ProjectEndorsed', 'arturo', 'approver'],
      ['ProjectApproved', 'bintou', 'approver'],
      ['FocalPointRecorded', 'fatima', 'fund-manager'],
      ['ImplementationStarted', 'fatima', 'fund-manager'],
      ['DisbursementRecorded', 'farid', 'finance-officer'],
      ['ExpenditureRecorded', 'fatima', 'fund-manager'],
    ]);
    expect(items.map((entry) => entry.revision)).toEqual(items.map((_, index) => index));
    expect(items.every((entry) => entry.subjectType === 'project' && entry.subjectId === georgian.projectId)).toBe(true);
    const feedOrder = items.map((entry) => entry.feedOrder);
    expect(feedOrder).toEqual([...feedOrder].sort());

    const [drafted, , submitted, endorsed, approved, , started, disbursed, spent] = items;
    expect(changeOf(drafted, 'status')).toEqual({ field: 'status', before: 'none', after: 'draft' });
    expect(changeOf(submitted, 'status')).toEqual({ field: 'status', before: 'draft', after: 'submitted' });
    expect(changeOf(endorsed, 'status')).toEqual({ field: 'status', before: 'submitted', after: 'endorsed' });
    expect(changeOf(approved, 'status')).toEqual({ field: 'status', before: 'endorsed', after: 'approved' });
    expect(changeOf(approved, 'committed')).toEqual({ field: 'committed', before: '0.00', after: usd(georgian.budget) });
    expect(changeOf(approved, 'approvedBy')).toEqual({ field: 'approvedBy', before: null, after: 'bintou' });
    expect(changeOf(started, 'status')).toEqual({ field: 'status', before: 'approved', after: 'active' });
    expect(changeOf(disbursed, 'disbursed')).toEqual({ field: 'disbursed', before: '0.00', after: '20000.00' });
    expect(changeOf(spent, 'spent')).toEqual({ field: 'spent', before: '0.00', after: '12500.55' });
    for (const entry of items) {
      expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(entry.changes.length).toBeGreaterThan(0);
    }
  });

  it('records why: the reason of a cancellation, a suspension and a rejection', async () => {
    for (const [handle, type, status] of [
      ['cancelled', 'ProjectCancelled', 'cancelled'],
      ['suspended', 'ProjectSuspended', 'suspended'],
      ['rejected', 'ProjectRejected', 'rejected'],
    ] as const) {
      const trail = (await allPages(staff.auditor, `/projects/${portfolio.byHandle(handle).projectId}/audit-trail`, at)).items;
      const entry = trail.at(-1);
      expect(entry).toMatchObject({ type, actorId: 'arturo', actorRole: 'approver', reason: REASONS[handle] });
      expect(changeOf(entry, 'status')).toEqual({ field: 'status', before: handle === 'rejected' ? 'submitted' : 'active', after: status });
    }
  });

  describe('across the portfolio', () => {
    let everything: any[];

    beforeAll(async () => {
      everything = (await allPages(staff.auditor, '/audit-trail', { ...at, limit: 7 })).items;
    });

    it('lists every event once, in feed order, envelopes and contributions included', async () => {
      const eventIds = everything.map((entry) => entry.eventId);
      expect(new Set(eventIds).size).toBe(eventIds.length);
      const feedOrder = everything.map((entry) => entry.feedOrder);
      expect(feedOrder).toEqual([...feedOrder].sort());
      expect(new Set(everything.map((entry) => entry.subjectType))).toEqual(new Set(['project', 'envelope', 'contribution']));
      // Each project's trail is exactly its part of the whole.
      for (const project of portfolio.projects) {
        const own = (await allPages(staff.auditor, `/projects/${project.projectId}/audit-trail`, { ...at, limit: 50 })).items;
        expect(own.map((e) => e.eventId)).toEqual(
          everything.filter((e) => e.subjectType === 'project' && e.subjectId === project.projectId).map((e) => e.eventId),
        );
        const viaFilter = (await allPages(staff.auditor, '/audit-trail', { ...at, project: project.projectId })).items;
        expect(viaFilter).toEqual(own);
      }
      const newestFirst = (await allPages(staff.auditor, '/audit-trail', { ...at, limit: 50, direction: 'desc' })).items;
      expect(newestFirst.map((e) => e.eventId)).toEqual([...eventIds].reverse());
      // The envelope trail shows the reservations with the amounts before → after, in USD.
      const reservation = everything.find((e) => e.type === 'FundsReserved');
      const AMOUNT = /^\d+\.\d{2}$/;
      expect(changeOf(reservation, 'reserved')).toEqual({ field: 'reserved', before: expect.stringMatching(AMOUNT), after: expect.stringMatching(AMOUNT) });
    });

    it('filters by actor, by event type, by time range, and by all of them together', async () => {
      const check = async (params: Params, keep: (entry: any) => boolean) => {
        const filtered = (await allPages(staff.auditor, '/audit-trail', { ...at, limit: 5, ...params })).items;
        expect({ params, eventIds: filtered.map((e) => e.eventId) }).toEqual({ params, eventIds: everything.filter(keep).map((e) => e.eventId) });
        return filtered;
      };

      const byFarid = await check({ actor: 'farid' }, (e) => e.actorId === 'farid');
      const disbursements = portfolio.projects.reduce((n, p) => n + p.disbursementIds.length, 0);
      expect(byFarid.filter((e) => e.type === 'DisbursementRecorded')).toHaveLength(disbursements);
      expect(new Set(byFarid.map((e) => e.type))).toEqual(new Set(['DisbursementRecorded', 'ContributionReceived']));

      const approvals = await check({ type: 'ProjectApproved' }, (e) => e.type === 'ProjectApproved');
      expect(approvals.map((e) => e.subjectId).sort()).toEqual(idsOf(portfolio.projects.filter((p) => p.committed > 0)));
      expect(approvals.every((e) => e.actorId === 'bintou' && e.actorRole === 'approver')).toBe(true);

      const from = everything[Math.floor(everything.length / 3)].recordedAt;
      const to = everything[Math.floor((2 * everything.length) / 3)].recordedAt;
      const window = await check({ from, to }, (e) => e.recordedAt >= from && e.recordedAt <= to);
      expect(window.length).toBeGreaterThan(2);
      expect(window.length).toBeLessThan(everything.length);
      await check({ from }, (e) => e.recordedAt >= from);
      await check({ to }, (e) => e.recordedAt <= to);
      // An instant with an offset means the same instant in UTC.
      const shifted = new Date(Date.parse(from)).toISOString().replace('Z', '+00:00');
      await check({ from: shifted, to }, (e) => e.recordedAt >= from && e.recordedAt <= to);
      await check({ actor: 'fatima', type: 'ExpenditureRecorded', from }, (e) => e.actorId === 'fatima' && e.type === 'ExpenditureRecorded' && e.recordedAt >= from);
      await check({ actor: 'nobody-at-all' }, () => false);
    });

    it('refuses a time that is not an ISO 8601 instant with a 400 problem', async () => {
      expectProblem(await staff.auditor.get('/audit-trail?from=yesterday'), 400, 'request.invalid-instant');
      expectProblem(await staff.auditor.get('/audit-trail?to=2026-13-45T99:00:00Z'), 400, 'request.invalid-instant');
    });
  });
});

describe('what a donor sees', () => {
  it('lists only the projects the fund has committed money to, with public fields only', async () => {
    const items = await listed(staff.donor, {});

    expect(ids(items)).toEqual(idsOf(portfolio.projects.filter((p) => PUBLIC_STATUSES.includes(p.status))));
    for (const item of items) {
      for (const field of INTERNAL_FIELDS) expect({ projectId: item.projectId, [field]: item[field] }).toEqual({ projectId: item.projectId });
      expect(item.budget).toEqual(expect.any(String));
      expect(item).toHaveProperty('deliveryRate');
    }
    // No draft, submitted, endorsed, retained or rejected project, whatever the filter or search.
    expect(await listed(staff.donor, { status: 'draft' })).toEqual([]);
    expect(await listed(staff.donor, { status: 'rejected' })).toEqual([]);
    expect(await listed(staff.donor, { q: 'миграционная' })).toEqual([]);
    expect(await listed(staff.donor, { q: 'confidential' })).toEqual([]);
    expect(ids(await listed(staff.donor, { q: 'მიგრაციის' }))).toEqual([portfolio.byHandle('georgian').projectId]);
  });

  it('shows a public card without internals or warnings, and no card at all for a proposal', async () => {
    const georgian = await read(staff.donor, `/portfolio/${portfolio.byHandle('georgian').projectId}`, at);
    expect(georgian).toMatchObject({ status: 'active', budget: '37887.01', disbursed: '20000.00', spent: '12500.55', deliveryRate: '62.50' });
    for (const field of INTERNAL_FIELDS) expect(georgian).not.toHaveProperty(field);

    for (const handle of ['draft', 'russian', 'equal-split', 'retained', 'rejected']) {
      const reply = await staff.donor.get(withQuery(`/portfolio/${portfolio.byHandle(handle).projectId}`, at));
      expect({ handle, status: reply.status, code: reply.body?.code }).toEqual({ handle, status: 404, code: 'project.not-found' });
    }
  });

  it('refuses the audit trail and the approval queue with 403', async () => {
    const projectId = portfolio.byHandle('georgian').projectId;
    expectProblem(await staff.donor.get('/audit-trail'), 403, 'auth.role-not-allowed');
    expectProblem(await staff.donor.get(`/projects/${projectId}/audit-trail`), 403, 'auth.role-not-allowed');
    expectProblem(await staff.donor.get('/approval-queue'), 403, 'auth.role-not-allowed');
    expectProblem(await staff.donor.get('/admin/read-models'), 403, 'auth.role-not-allowed');
  });

  it('reads the public portal without a token as a donor does, and refuses the rest with 401', async () => {
    // PUBLIC_PORTAL (default true): a visitor is given the donor's view (test/public-portal.e2e-spec.ts).
    for (const path of ['/portfolio', '/funding/summary?groupBy=region']) {
      const [visitor, donor] = await Promise.all([app.anonymous().get(path), staff.donor.get(path)]);
      expect(visitor.status).toBe(200);
      expect(visitor.body).toEqual(donor.body);
    }
    expectProblem(await app.anonymous().get('/audit-trail'), 401, 'auth.token-missing');
    expectProblem(await app.anonymous().get('/approval-queue'), 401, 'auth.token-missing');
  });
});

describe('minPosition (read-your-writes)', () => {
  const VIEWS = [
    '/portfolio',
    '/portfolio/PO.000001',
    '/funding/summary?groupBy=region',
    '/funding/envelopes',
    '/funding/contributions',
    '/approval-queue',
    '/audit-trail',
    '/projects/PO.000001/audit-trail',
  ];

  it('refuses a malformed minPosition on every view with a 400 problem', async () => {
    for (const view of VIEWS) {
      for (const minPosition of ['abc', '12', '1-2-3', '1.5-2', '-', '12-', ' 1-2']) {
        const reply = await staff.auditor.get(withQuery(view, { minPosition }));
        expect({ view, minPosition, status: reply.status, code: reply.body?.code }).toEqual({
          view,
          minPosition,
          status: 400,
          code: 'request.invalid-position',
        });
      }
    }
    expectProblem(await staff.auditor.get('/portfolio?minPosition=abc'), 400, 'request.invalid-position');
  });

  it('shows a write at once to a query given the position its command returned', async () => {
    const georgian = portfolio.byHandle('georgian');
    const path = `/projects/${georgian.projectId}`;

    const disbursed = await staff.financeOfficer.post(`${path}/disbursements`, { transactionId: 'disb-ryw', amount: '0.01', valueDate: utcToday() });
    expect(disbursed.status).toBe(200);
    const card = await read(staff.auditor, `/portfolio/${georgian.projectId}`, { minPosition: disbursed.body.position });
    expect(card.disbursed).toBe('20000.01');
    const trail = (await allPages(staff.auditor, `/projects/${georgian.projectId}/audit-trail`, { minPosition: disbursed.body.position })).items;
    expect(trail.at(-1)).toMatchObject({ type: 'DisbursementRecorded', changes: expect.arrayContaining([{ field: 'disbursed', before: '20000.00', after: '20000.01' }]) });
    const envelopes = await read(staff.auditor, '/funding/envelopes', { minPosition: disbursed.body.position });
    const envelope = envelopes.items.find((e: any) => e.year === YEAR && e.fundingLine === 1);
    const expected = portfolio.projects.filter((p) => p.plan.year === YEAR && p.plan.line === 1).reduce((s, p) => s + p.disbursed, 0) + 1;
    expect(envelope.disbursed).toBe(usd(expected));

    const drafted = await staff.fundManager.post('/projects', nationalProposal({ title: { en: 'Freshly drafted Ulaanbaatar' } }));
    expect(drafted.status).toBe(201);
    const fresh = await read(staff.auditor, `/portfolio/${drafted.body.projectId}`, { minPosition: drafted.body.position });
    expect(fresh).toMatchObject({ status: 'draft', budget: '37887.00' });
    expect(ids(await listed(staff.auditor, { q: 'ulaanbaatar', minPosition: drafted.body.position }))).toEqual([drafted.body.projectId]);
  });

  describe('with a short wait (VIEW_WAIT_MS=300)', () => {
    let quick: TestApp;
    let auditor: Client;

    beforeAll(async () => {
      quick = await TestApp.start({ env: { VIEW_WAIT_MS: '300' } });
      auditor = await quick.as('aurelia', 'auditor');
    });

    afterAll(() => quick?.stop());

    it('answers 400 at once for a position past the last event recorded: no command returned it', async () => {
      for (const view of VIEWS) {
        const reply = await auditor.get(withQuery(view, { minPosition: '999999999-0' }));
        expectProblem(reply, 400, 'request.invalid-position');
      }
    });

    it('answers at once for a position the views have reached', async () => {
      const admin = await quick.as('ada', 'admin');
      await ensureEnvelope(admin, YEAR, 1, '1000.00');
      const opened = await admin.get(`/envelopes/${YEAR}/1`);
      expect(opened.status).toBe(200);
      const adjusted = await admin.post(`/envelopes/${YEAR}/1/adjustments`, { amount: '2000.01', reason: 'Top-up' });
      expect(adjusted.status).toBe(200);

      const envelopes = await read(auditor, '/funding/envelopes', { minPosition: adjusted.body.position });
      expect(envelopes.items).toEqual([{ year: YEAR, fundingLine: 1, amount: '2000.01', reserved: '0.00', disbursed: '0.00', remaining: '2000.01' }]);
    });

    it('answers 503 views.not-caught-up on every view for a recorded position the views have not applied, after about the wait', async () => {
      const admin = await quick.as('ada', 'admin');
      await ensureEnvelope(admin, YEAR + 5, 1, '1000.00');
      await quick.projector().stop();
      try {
        const adjusted = await admin.post(`/envelopes/${YEAR + 5}/1/adjustments`, { amount: '1500.00', reason: 'Top-up' });
        expect(adjusted.status).toBe(200);
        for (const view of VIEWS) {
          const started = Date.now();
          const reply = await auditor.get(withQuery(view, { minPosition: adjusted.body.position }));
          const took = Date.now() - started;
          expectProblem(reply, 503, 'views.not-caught-up');
          expect({ view, waitedAtLeast: took >= 250 }).toEqual({ view, waitedAtLeast: true });
          expect({ view, answeredWithin: took < 5_000 }).toEqual({ view, answeredWithin: true });
        }
      } finally {
        await quick.projector().start();
      }
    });
  });
});

describe('a global project without beneficiary states', () => {
  it('is still counted in the funding summary by beneficiary state: the groups add up to the total', async () => {
    // DOMAIN.md: a global project may name no beneficiary state at all; "groups always add up to the total".
    const proposal = nationalProposal({
      coverage: 'global',
      region: 'global',
      beneficiaryStates: [],
      fundingLine: 2,
      year: YEAR,
      title: { en: 'Global migration data portal' },
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.09' },
    });
    const path = `/projects/${proposal.projectId}`;
    expect((await staff.fundManager.post('/projects', proposal)).status).toBe(201);
    expect((await staff.fundManager.post(`${path}/submit`)).status).toBe(200);
    expect((await staff.approver.post(`${path}/endorse`)).status).toBe(200);
    const approved = await staff.secondApprover.post(`${path}/approve`);
    expect(approved.status).toBe(200);

    const byState = await read(staff.auditor, '/funding/summary', { groupBy: 'state', minPosition: approved.body.position });
    const byRegion = await read(staff.auditor, '/funding/summary', { groupBy: 'region', minPosition: approved.body.position });

    expect(byState.total).toEqual(byRegion.total);
    for (const field of MONEY) {
      expect({ field, groups: sumOf(byState.groups, field) }).toEqual({ field, groups: centsOf(byState.total[field]) });
    }
  });
});
