import * as fc from 'fast-check';
import { cents, DEFAULT_CODE_LISTS, type Coverage, type FundingLine } from '#domain';
import { EVENT_STORE_MIGRATIONS, type RecordedEvent } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import type { ViewDocument } from './projection.js';
import { applyBatch } from './projector/apply-batch.js';
import { foldViews } from './projections/fold-views.js';
import { PORTFOLIO, PROJECTS, portfolioProjection } from './projections/portfolio/portfolio-projection.js';
import type { ProjectDocument } from './projections/portfolio/project-document.js';
import { PUBLICLY_LISTED_STATUSES } from './projections/portfolio/public-project-card.js';
import { people, ProjectStory } from './projections/testing/fund-fixtures.js';
import { TestFeed } from './projections/testing/test-feed.js';
import type { AggregateQuery, AggregateRow, DocumentFilter, FieldFilter } from './read-store.port.js';
import { READ_STORE_MIGRATIONS } from './sql/migrations/index.js';
import { SqlReadStore } from './sql/sql-read-store.js';

/**
 * Property: whatever the portfolio, the funding views add up. Random portfolios are told as
 * real domain events (the real project decider, through ProjectStory), applied with the real
 * `applyBatch` into the SQL read store on an in-memory PGlite, and then, for every grouping the
 * funding summary offers (region, beneficiary state via the splits, type, year, line, status),
 * every money field (budget, committed, disbursed, spent) and a random filter:
 *
 * - the groups add up to the total exactly;
 * - the total is the plain sum over the matching projects (each counted once);
 * - each group is the plain sum over its projects (or its projects' splits, by state);
 * - and the money is what the portfolio's story says it is.
 *
 * One PGlite for every run: each run fills a new generation of the portfolio projection and
 * activates it (which drops the previous one), as a rebuild does.
 */

const MONEY = ['budget', 'committed', 'disbursed', 'spent'] as const;
type Money = (typeof MONEY)[number];

const THEMATIC_AREAS = DEFAULT_CODE_LISTS['thematic-areas'].map((entry) => entry.code);
const REGIONS = DEFAULT_CODE_LISTS.regions.map((entry) => entry.code);
const STATE_POOL = ['KG', 'KZ', 'TJ', 'UZ', 'TM', 'MD', 'GE', 'AM', 'MA', 'SN', 'KE', 'EC', 'UA', 'EG', 'PE'];
/** DOMAIN.md rule 3, the default ceilings in cents. */
const CEILINGS: Record<FundingLine, Record<Coverage, number>> = {
  1: { national: 10_000_000, regional: 20_000_000, global: 20_000_000 },
  2: { national: 20_000_000, regional: 30_000_000, global: 30_000_000 },
};

const STAGES = [
  'draft',
  'returned',
  'submitted',
  'endorsed',
  'retained',
  'rejected',
  'approved',
  'active',
  'suspended',
  'completed',
  'cancelled',
  'closed',
] as const;
type Stage = (typeof STAGES)[number];
const IMPLEMENTED: readonly Stage[] = ['active', 'suspended', 'completed', 'cancelled', 'closed'];

interface Flow {
  kind: 'disbursement' | 'expenditure';
  /** Share of the room left under the committed budget, in thousandths. */
  perMille: number;
}

interface PlannedProject {
  coverage: Coverage;
  states: string[];
  /** Basis points per state, summing to 10 000; undefined ⇒ the equal split. */
  shares: number[] | undefined;
  line: FundingLine;
  region: string;
  thematicArea: string;
  year: number;
  total: number;
  staffPercent: number;
  stage: Stage;
  flows: Flow[];
  /** A budget revision during implementation: where the new total lies between the flows and the ceiling. */
  revision: { perMille: number; approved: boolean } | undefined;
  /** A correction of one of the flows: which (modulo their number) and to what share of its room. */
  correction: { pick: number; perMille: number } | undefined;
}

const sharesArbitrary = (count: number): fc.Arbitrary<number[] | undefined> =>
  fc.option(
    fc
      .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: count - 1, maxLength: count - 1 })
      .map((cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), 10_000];
        return points.slice(1).map((point, index) => point - points[index]!);
      }),
    { nil: undefined },
  );

const projectArbitrary: fc.Arbitrary<PlannedProject> = fc
  .record({
    coverage: fc.constantFrom<Coverage>('national', 'regional', 'global'),
    line: fc.constantFrom<FundingLine>(1, 2),
  })
  .chain(({ coverage, line }) => {
    const [minStates, maxStates] = coverage === 'national' ? [1, 1] : coverage === 'regional' ? [2, 5] : [1, 5];
    return fc
      .shuffledSubarray(STATE_POOL, { minLength: minStates, maxLength: maxStates })
      .chain((states) =>
        fc.record({
          coverage: fc.constant(coverage),
          states: fc.constant(states),
          shares: states.length === 1 ? fc.constant(undefined) : sharesArbitrary(states.length),
          line: fc.constant(line),
          region: fc.constantFrom(...REGIONS),
          thematicArea: fc.constantFrom(...THEMATIC_AREAS),
          year: fc.integer({ min: 2019, max: 2023 }),
          // Whole cents, odd ones included, from one cent up to the ceiling.
          total: fc.integer({ min: 1, max: CEILINGS[line][coverage] }),
          staffPercent: fc.integer({ min: 0, max: 30 }),
          stage: fc.constantFrom(...STAGES),
          flows: fc.array(
            fc.record({ kind: fc.constantFrom<Flow['kind']>('disbursement', 'expenditure'), perMille: fc.integer({ min: 0, max: 1_000 }) }),
            { maxLength: 5 },
          ),
          revision: fc.option(fc.record({ perMille: fc.integer({ min: 0, max: 1_000 }), approved: fc.boolean() }), { nil: undefined }),
          correction: fc.option(fc.record({ pick: fc.nat(), perMille: fc.integer({ min: 0, max: 1_000 }) }), { nil: undefined }),
        }),
      );
  });

/** A filter the funding summary may be given, chosen at random, with its meaning in plain code. */
type FilterChoice = { filter: DocumentFilter; matches: (doc: ProjectDocument) => boolean; name: string };
const filterArbitrary: fc.Arbitrary<(docs: ProjectDocument[]) => FilterChoice> = fc
  .record({ kind: fc.integer({ min: 0, max: 5 }), pick: fc.nat() })
  .map(({ kind, pick }) => (docs: ProjectDocument[]): FilterChoice => {
    const any = <T>(values: readonly T[]): T => values[pick % values.length]!;
    const where = (field: FieldFilter, matches: (doc: ProjectDocument) => boolean): FilterChoice => ({
      filter: { fields: [field] },
      matches,
      name: JSON.stringify(field),
    });
    switch (kind) {
      case 1:
        return where({ field: 'status', op: 'in', value: PUBLICLY_LISTED_STATUSES }, (doc) =>
          (PUBLICLY_LISTED_STATUSES as readonly string[]).includes(doc.status),
        );
      case 2: {
        const state = any(docs.flatMap((doc) => doc.stateCodes).concat('KG'));
        return where({ field: 'stateCodes', op: 'contains', value: state }, (doc) => doc.stateCodes.includes(state));
      }
      case 3: {
        const line = any([1, 2]);
        return where({ field: 'fundingLine', op: 'eq', value: line }, (doc) => doc.fundingLine === line);
      }
      case 4: {
        const region = any(REGIONS);
        return where({ field: 'region', op: 'eq', value: region }, (doc) => doc.region === region);
      }
      case 5: {
        const year = any([2019, 2020, 2021, 2022, 2023]);
        return where({ field: 'year', op: 'gte', value: year }, (doc) => doc.year >= year);
      }
      default:
        return { filter: {}, matches: () => true, name: 'none' };
    }
  });

/** What the story says each project's money is, in cents (the model the views are checked against). */
interface ExpectedMoney {
  projectId: string;
  status: string;
  budget: number;
  committed: number;
  disbursed: number;
  spent: number;
}

/**
 * Tells each planned project's story through the real decider, the projects' steps
 * interleaved in the order `interleaving` picks, and returns the money the story leaves.
 */
function tell(feed: TestFeed, planned: readonly PlannedProject[], interleaving: readonly number[]): ExpectedMoney[] {
  const expected: ExpectedMoney[] = [];
  const pending = planned.map((plan, index) => {
    const projectId = `PO.${String(index + 1).padStart(4, '0')}`;
    const model: ExpectedMoney = { projectId, status: 'draft', budget: plan.total, committed: 0, disbursed: 0, spent: 0 };
    expected.push(model);
    return { steps: stepsOf(new ProjectStory(feed, projectId), plan, model, index), next: 0 };
  });
  let turn = 0;
  for (;;) {
    const open = pending.filter((project) => project.next < project.steps.length);
    if (open.length === 0) break;
    const chosen = open[(interleaving[turn % Math.max(interleaving.length, 1)] ?? 0) % open.length]!;
    turn += 1;
    chosen.steps[chosen.next]!();
    chosen.next += 1;
  }
  return expected;
}

function breakdown(total: number, staffPercent: number) {
  const staffAndOfficeCosts = Math.floor((total * staffPercent) / 100);
  return { staffAndOfficeCosts: cents(staffAndOfficeCosts), operationalCosts: cents(total - staffAndOfficeCosts) };
}

/** The steps of one project's story, each a command (or a few) sent by whoever sends it. */
function stepsOf(story: ProjectStory, plan: PlannedProject, model: ExpectedMoney, index: number): (() => void)[] {
  const steps: (() => void)[] = [];
  const step = (run: () => void) => steps.push(run);
  const { stage } = plan;
  const reasoned = { by: people.approver, reason: 'Decided at the review meeting' };

  step(() =>
    story.draft({
      primaId: `PRIMA${String(index + 1).padStart(5, '0')}`,
      thematicArea: plan.thematicArea,
      coverage: plan.coverage,
      fundingLine: plan.line,
      region: plan.region,
      beneficiaryStates: plan.states.map((code, i) => (plan.shares === undefined ? { code } : { code, share: plan.shares[i]! })),
      plannedStartDate: `${plan.year}-01-01`,
      plannedEndDate: `${plan.year + 2}-12-31`,
      year: plan.year,
      budget: breakdown(plan.total, plan.staffPercent),
    }),
  );
  if (stage === 'draft') return steps;
  step(() => story.prepare(plan.states));
  step(() => story.submit());
  model.status = 'submitted';
  if (stage === 'submitted') return steps;
  if (stage === 'returned' || stage === 'rejected') {
    step(() => story.send(stage === 'returned' ? 'ReturnProject' : 'RejectProject', {}, reasoned));
    model.status = stage === 'returned' ? 'draft' : 'rejected';
    return steps;
  }
  step(() => story.endorse());
  model.status = 'endorsed';
  if (stage === 'endorsed') return steps;
  if (stage === 'retained') {
    step(() => story.retain());
    model.status = 'retained';
    return steps;
  }
  step(() => story.approve());
  model.status = 'approved';
  model.committed = plan.total;
  if (!IMPLEMENTED.includes(stage)) return steps;

  step(() => story.start());
  model.status = 'active';
  const transactions: { id: string; kind: Flow['kind']; amount: number }[] = [];
  for (const [n, flow] of plan.flows.entries()) {
    const spentSoFar = flow.kind === 'disbursement' ? model.disbursed : model.spent;
    const room = model.committed - spentSoFar;
    if (room < 1) continue;
    const amount = 1 + Math.floor(((room - 1) * flow.perMille) / 1_000);
    const id = `${flow.kind === 'disbursement' ? 'D' : 'E'}-${n + 1}`;
    transactions.push({ id, kind: flow.kind, amount });
    if (flow.kind === 'disbursement') {
      model.disbursed += amount;
      // Keyed in with the expenditures, whatever their order: no step is dated before the one it follows.
      step(() => story.disburse(id, amount, '2019-03-05', '2019-04-05T12:00:00.000Z'));
    } else {
      model.spent += amount;
      step(() => story.spend(id, amount, '2019-04-05'));
    }
  }
  if (plan.correction !== undefined && transactions.length > 0) {
    const transaction = transactions[plan.correction.pick % transactions.length]!;
    const current = transaction.kind === 'disbursement' ? model.disbursed : model.spent;
    const room = model.committed - (current - transaction.amount);
    const corrected = Math.floor((room * plan.correction.perMille) / 1_000);
    if (corrected !== transaction.amount) {
      if (transaction.kind === 'disbursement') model.disbursed += corrected - transaction.amount;
      else model.spent += corrected - transaction.amount;
      step(() =>
        story.send(
          'CorrectTransaction',
          { transactionId: transaction.id, correctedAmount: cents(corrected) },
          { by: people.finance, reason: 'Bank charges were booked with it' },
        ),
      );
    }
  }
  if (plan.revision !== undefined) {
    const floor = Math.max(model.disbursed, model.spent, 1);
    const ceiling = CEILINGS[plan.line][plan.coverage];
    const total = floor + Math.floor(((ceiling - floor) * plan.revision.perMille) / 1_000);
    const budget = breakdown(total, plan.staffPercent);
    const current = breakdown(plan.total, plan.staffPercent);
    const changes = budget.staffAndOfficeCosts !== current.staffAndOfficeCosts || budget.operationalCosts !== current.operationalCosts;
    if (changes) {
      const requestId = 'REV-1';
      step(() => story.send('RequestBudgetRevision', { requestId, budget }, { reason: 'Prices rose' }));
      if (plan.revision.approved) {
        step(() => story.send('ApproveBudgetRevision', { requestId }, { by: people.approver }));
        model.budget = total;
        model.committed = total;
      } else if (stage === 'completed' || stage === 'closed') {
        // A project is completed only once its requests are decided; otherwise it stays pending.
        step(() => story.send('RejectBudgetRevision', { requestId }, reasoned));
      }
    }
  }
  if (stage === 'suspended') {
    step(() => story.send('SuspendProject', {}, reasoned));
    model.status = 'suspended';
  }
  if (stage === 'cancelled') {
    step(() => story.send('CancelProject', {}, reasoned));
    model.status = 'cancelled';
    model.committed = model.disbursed; // what cancellation released is decommitted (ADR 0018)
  }
  if (stage === 'completed' || stage === 'closed') {
    if (stage === 'closed') {
      step(() => story.send('SubmitReport', { reportId: 'interim-1', kind: 'interim' }));
      step(() => story.send('AcceptReport', { reportId: 'interim-1' }, { by: people.approver }));
    }
    step(() => story.send('CompleteProject', {}));
    model.status = 'completed';
  }
  if (stage === 'closed') {
    for (const kind of ['final-narrative', 'final-financial'] as const) {
      step(() => story.send('SubmitReport', { reportId: kind, kind }));
      step(() => story.send('AcceptReport', { reportId: kind }, { by: people.approver }));
    }
    step(() => story.send('CloseProject', {}, reasoned));
    model.status = 'closed';
    model.committed = model.disbursed; // what closure released is decommitted (ADR 0018)
  }
  return steps;
}

/** The groupings of GET /funding/summary?groupBy=…, as the API asks the read store. */
const GROUPINGS: Record<string, Pick<AggregateQuery, 'groupBy' | 'unwind'>> = {
  region: { groupBy: 'region' },
  state: { groupBy: 'state', unwind: 'splits' },
  type: { groupBy: 'thematicArea' },
  year: { groupBy: 'year' },
  line: { groupBy: 'fundingLine' },
  status: { groupBy: 'status' },
};

/** The groups computed in plain code from the documents: group value → count and sums. */
function groupsInPlainCode(docs: readonly ProjectDocument[], grouping: Pick<AggregateQuery, 'groupBy' | 'unwind'>) {
  const rows = new Map<string, AggregateRow>();
  const items: Record<string, unknown>[] = grouping.unwind === undefined ? [...docs] : docs.flatMap((doc) => doc.splits);
  for (const item of items) {
    const group = item[grouping.groupBy] as string | number;
    const key = JSON.stringify(group);
    const row = rows.get(key) ?? { group, count: 0, sums: { budget: 0, committed: 0, disbursed: 0, spent: 0 } };
    row.count += 1;
    for (const field of MONEY) row.sums[field] = row.sums[field]! + (item[field] as number);
    rows.set(key, row);
  }
  return rows;
}

const plainSum = (docs: readonly ProjectDocument[], field: Money) => docs.reduce((sum, doc) => sum + doc[field], 0);

describe('funding sums (property-based, SqlReadStore on PGlite)', () => {
  let client: PgliteClient;
  let store: SqlReadStore;

  beforeAll(async () => {
    client = await PgliteClient.open(undefined);
    await migrate(client, EVENT_STORE_MIGRATIONS);
    await migrate(client, READ_STORE_MIGRATIONS);
    store = new SqlReadStore(client);
  });

  afterAll(async () => {
    await client?.close();
  });

  /** Applies the feed into a new generation of the portfolio, in batches of `batchSize`, and activates it. */
  async function project(events: readonly RecordedEvent[], batchSize: number): Promise<void> {
    const generation = await store.createGeneration(PORTFOLIO);
    for (let start = 0; start < events.length; start += batchSize) {
      const batch = events.slice(start, start + batchSize);
      const changes = await applyBatch(portfolioProjection, batch, (refs) => store.load(PORTFOLIO, generation, refs));
      await store.commit(PORTFOLIO, generation, changes, batch.at(-1)!.position);
    }
    await store.activate(PORTFOLIO, generation);
  }

  async function storedProjects(): Promise<ProjectDocument[]> {
    const page = await store.find(PORTFOLIO, PROJECTS, { sortBy: 'projectId', direction: 'asc', limit: 500 });
    expect(page.nextCursor).toBeUndefined();
    return page.items as unknown as ProjectDocument[];
  }

  it('adds every grouping up to the total, to the cent, and the total up to the plain sum over the projects', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(projectArbitrary, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 60 }),
        filterArbitrary,
        async (planned, interleaving, batchSize, chooseFilter) => {
          runs += 1;
          const feed = new TestFeed();
          const expected = tell(feed, planned, interleaving);
          await project(feed.events, batchSize);

          // The store holds exactly what folding the feed in memory gives …
          const docs = await storedProjects();
          const folded = [...(foldViews([portfolioProjection], feed.events).get(PROJECTS) as Map<string, ViewDocument>).values()];
          expect(docs).toEqual(folded.sort((a, b) => ((a['projectId'] as string) < (b['projectId'] as string) ? -1 : 1)));
          // … and that is the money the stories say.
          expect(docs.map(({ projectId, status, budget, committed, disbursed, spent }) => ({ projectId, status, budget, committed, disbursed, spent }))).toEqual(
            expected,
          );
          for (const doc of docs) {
            for (const field of MONEY) expect(doc.splits.reduce((sum, split) => sum + split[field], 0)).toBe(doc[field]);
          }

          const { filter, matches, name } = chooseFilter(docs);
          const matching = docs.filter(matches);
          for (const [grouping, query] of Object.entries(GROUPINGS)) {
            const { groups, total } = await store.aggregate(PORTFOLIO, PROJECTS, { ...filter, ...query, sum: MONEY });
            const context = { grouping, filter: name };

            expect({ ...context, count: total.count }).toEqual({ ...context, count: matching.length });
            for (const field of MONEY) {
              const groupSum = groups.reduce((sum, row) => sum + row.sums[field]!, 0);
              expect({ ...context, field, groups: groupSum, total: total.sums[field] }).toEqual({
                ...context,
                field,
                groups: plainSum(matching, field),
                total: plainSum(matching, field),
              });
            }
            const inPlainCode = groupsInPlainCode(matching, query);
            expect({ ...context, groups: [...groups].sort(byGroup) }).toEqual({ ...context, groups: [...inPlainCode.values()].sort(byGroup) });
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
  });

  it('gives the same sums whatever the batch size the projector applied the feed in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(projectArbitrary, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 7 }), async (planned, batchSize) => {
        const feed = new TestFeed();
        tell(feed, planned, [0]);
        const query = { ...GROUPINGS['state']!, sum: MONEY };
        await project(feed.events, feed.events.length);
        const inOneBatch = await store.aggregate(PORTFOLIO, PROJECTS, query);
        await project(feed.events, batchSize);
        const inSmallBatches = await store.aggregate(PORTFOLIO, PROJECTS, query);
        expect({ ...inSmallBatches, groups: [...inSmallBatches.groups].sort(byGroup) }).toEqual({
          ...inOneBatch,
          groups: [...inOneBatch.groups].sort(byGroup),
        });
      }),
      { numRuns: 10 },
    );
  });
});

function byGroup(a: AggregateRow, b: AggregateRow): number {
  const [x, y] = [JSON.stringify(a.group), JSON.stringify(b.group)];
  return x < y ? -1 : x > y ? 1 : 0;
}
