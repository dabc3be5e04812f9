import fc from 'fast-check';
import { cents, equalShares, splitByWeights, type ProjectEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { TestFeed } from '../testing/test-feed.js';
import { documentAfter } from '../testing/views.js';
import { portfolioProjection, PROJECTS } from './portfolio-projection.js';
import { ProjectStory, usd } from '../testing/fund-fixtures.js';
import type { ProjectDocument, ProjectSplit } from './project-document.js';

const projectAfter = (events: readonly RecordedEvent[]) => documentAfter<ProjectDocument>(portfolioProjection, PROJECTS, 'PO.0143', events);

const sumOf = (splits: readonly ProjectSplit[], field: Exclude<keyof ProjectSplit, 'state'>) =>
  splits.reduce((sum, split) => sum + split[field], 0);

function expectSplitsAddUp(doc: ProjectDocument): void {
  for (const field of ['budget', 'committed', 'disbursed', 'spent'] as const) {
    expect(sumOf(doc.splits, field)).toBe(doc[field]);
  }
}

describe('portfolio: splits by beneficiary state', () => {
  it('splits every amount over three states with awkward shares to the cent, remainder cents by largest remainder', () => {
    const feed = new TestFeed();
    new ProjectStory(feed)
      .active(
        {
          coverage: 'regional',
          beneficiaryStates: [
            { code: 'KG', share: 1235 },
            { code: 'KZ', share: 4716 },
            { code: 'TJ', share: 4049 },
          ],
          // USD 150,000.01: staff costs within 30 %, an odd cent to place.
          budget: { staffAndOfficeCosts: cents(3_000_000), operationalCosts: cents(12_000_001) },
        },
        ['KG', 'KZ', 'TJ'],
      )
      .disburse('D-1', 1_000_001)
      .spend('E-1', 333_333);

    const doc = projectAfter(feed.events);

    expect(doc.beneficiaryStates).toEqual([
      { code: 'KG', share: '12.35' },
      { code: 'KZ', share: '47.16' },
      { code: 'TJ', share: '40.49' },
    ]);
    // 15,000,001 × (0.1235, 0.4716, 0.4049) = 1,852,500.1235 / 7,074,000.4716 / 6,073,500.4049:
    // the one cent left goes to KZ, whose remainder is largest.
    expect(doc.splits.map((split) => split.budget)).toEqual([1_852_500, 7_074_001, 6_073_500]);
    expect(doc.splits.map((split) => split.disbursed)).toEqual([123_500, 471_601, 404_900]);
    expect(doc.splits.map((split) => split.state)).toEqual(['KG', 'KZ', 'TJ']);
    expect(doc.budget).toBe(15_000_001);
    expectSplitsAddUp(doc);
  });

  it("splits a regional project's money exactly equally by default, not by rounded percentages, and the states add up to its totals", () => {
    const feed = new TestFeed();
    new ProjectStory(feed)
      .active(
        {
          coverage: 'regional',
          beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }, { code: 'TJ' }],
          budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(70_000) },
        },
        ['KG', 'KZ'],
      )
      .disburse('D-1', 1_234_567)
      .spend('E-1', 1_000);

    const doc = projectAfter(feed.events);

    // Each state's part, 100 / 3, shown rounded; the event records 33.34/33.33/33.33.
    expect(doc.beneficiaryStates.map((state) => state.share)).toEqual(['33.33', '33.33', '33.33']);
    expect(doc.stateCodes).toEqual(['KG', 'KZ', 'TJ']);
    // USD 100,000.00 → 33,333.34 / 33,333.33 / 33,333.33 (by 33.34 % it would be 33,340.00).
    expect(doc.splits.map((split) => split.budget)).toEqual([3_333_334, 3_333_333, 3_333_333]);
    expect(doc.splits.map((split) => split.committed)).toEqual([3_333_334, 3_333_333, 3_333_333]);
    // 12,345.67 / 3 = 4,115.223…: one remainder cent, to the first state.
    expect(doc.splits.map((split) => split.disbursed)).toEqual([411_523, 411_522, 411_522]);
    expect(doc.splits.map((split) => split.spent)).toEqual([334, 333, 333]);
    expectSplitsAddUp(doc);
  });

  it('splits USD 1.00 over seven states without shares exactly: 15, 15, 14, 14, 14, 14, 14 cents', () => {
    const codes = ['KG', 'KZ', 'TJ', 'UZ', 'TM', 'AF', 'MN'];
    const feed = new TestFeed();
    feed.record('project-PO.0143', regionalHistory(codes, equalShares(7), 100, 1000, 1000));
    const doc = projectAfter(feed.events);

    expect(doc.splits.map((split) => split.budget)).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(doc.splits.map((split) => split.spent)).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(doc.beneficiaryStates.map((state) => state.share)).toEqual(new Array(7).fill('14.29'));
    expectSplitsAddUp(doc);
  });

  it('adds up to the totals for any shares and any amounts', () => {
    const weights = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 6 });
    const amounts = fc.tuple(
      fc.integer({ min: 1, max: 30_000_000 }),
      fc.integer({ min: 0, max: 1_000 }),
      fc.integer({ min: 0, max: 1_000 }),
    );
    fc.assert(
      fc.property(weights, amounts, (stateWeights, [total, disbursedPerMille, spentPerMille]) => {
        const shares = splitByWeights(10_000, stateWeights);
        const codes = ['KG', 'KZ', 'TJ', 'UZ', 'TM', 'AF'].slice(0, shares.length);
        const feed = new TestFeed();
        feed.record('project-PO.0143', regionalHistory(codes, shares, total, disbursedPerMille, spentPerMille));
        expectSplitsAddUp(projectAfter(feed.events));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a global project with no beneficiary state in one split without a state, so groups by state still add up', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft({
      coverage: 'global',
      region: 'global',
      beneficiaryStates: [],
      budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(120_000) },
    });

    expect(projectAfter(feed.events)).toMatchObject({
      splits: [{ state: null, budget: usd(150_000), committed: 0, disbursed: 0, spent: 0 }],
      stateCodes: [],
      beneficiaryStates: [],
      budget: usd(150_000),
    });
  });
});

/** A regional project, approved, with some of its budget disbursed and spent (per mille). */
function regionalHistory(codes: string[], shares: number[], total: number, disbursedPerMille: number, spentPerMille: number): ProjectEvent[] {
  const at = '2019-03-01T09:00:00.000Z';
  const staff = Math.floor((total * 3) / 10);
  const disbursed = Math.floor((total * disbursedPerMille) / 1000);
  const spent = Math.floor((total * spentPerMille) / 1000);
  const events: ProjectEvent[] = [
    {
      type: 'ProjectDrafted',
      data: {
        projectId: 'PO.0143',
        primaId: 'KG10P0501',
        title: { en: 'Regional' },
        description: { en: 'Regional' },
        thematicArea: 'labour-migration',
        coverage: 'regional',
        fundingLine: 1,
        region: 'asia-and-oceania',
        beneficiaryStates: codes.map((code, index) => ({ code, share: shares[index]! })),
        plannedStartDate: '2019-03-01',
        plannedEndDate: '2020-03-31',
        year: 2019,
        budget: { staffAndOfficeCosts: cents(staff), operationalCosts: cents(total - staff) },
        budgetTotal: cents(total),
        draftedBy: 'fm-aigul',
        at,
      },
    },
    { type: 'ProjectApproved', data: { approvedBy: 'ap-chen', committed: cents(total), year: 2019, fundingLine: 1, at } },
  ];
  if (disbursed > 0) {
    events.push({ type: 'DisbursementRecorded', data: { transactionId: 'D', amount: cents(disbursed), valueDate: '2019-03-05', recordedBy: 'fo', at } });
  }
  if (spent > 0) {
    events.push({ type: 'ExpenditureRecorded', data: { transactionId: 'E', amount: cents(spent), valueDate: '2019-03-05', recordedBy: 'fo', at } });
  }
  return events;
}
