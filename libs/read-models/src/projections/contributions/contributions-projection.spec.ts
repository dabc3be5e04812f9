import { cents, contributionDecider, contributionStreamId, DEFAULT_CODE_LISTS, type ContributionCommand } from '#domain';
import { people, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { collectionAfter } from '../testing/views.js';
import { CONTRIBUTIONS, contributionsProjection, type ContributionDocument } from './contributions-projection.js';

const regions = DEFAULT_CODE_LISTS.regions.map((entry) => entry.code);
const finance = (at: string) => ({ actor: people.finance, at });

function pledge(contributionId: string, donor: string, amount: number, earmarkedRegion?: string): ContributionCommand {
  return {
    type: 'PledgeContribution',
    data: { contributionId, donor, year: 2019, fundingLine: 1, amount: cents(amount), ...(earmarkedRegion ? { earmarkedRegion } : {}) },
    context: finance('2019-01-10T09:00:00.000Z'),
    regions,
  };
}

function receive(receiptId: string, amount: number, receivedOn: string): ContributionCommand {
  return {
    type: 'RecordContributionReceipt',
    data: { receiptId, amount: cents(amount), receivedOn },
    context: finance(`${receivedOn}T15:00:00.000Z`),
  };
}

function contributionHistory(feed: TestFeed, contributionId: string, commands: ContributionCommand[]): void {
  for (const command of commands) feed.decide(contributionDecider, contributionStreamId(contributionId), command);
}

describe('contributions projection', () => {
  it('keeps each contribution: what was pledged, what was received in which receipts, and what is outstanding', () => {
    const feed = new TestFeed();
    contributionHistory(feed, 'C-2019-NO', [
      pledge('C-2019-NO', 'Norway', usd(500_000), 'africa'),
      receive('R-1', usd(200_000), '2019-03-01'),
      receive('R-2', 5_000_001, '2019-06-01'),
    ]);
    contributionHistory(feed, 'C-2019-US', [pledge('C-2019-US', 'United States', usd(1_000_000))]);

    const contributions = collectionAfter(contributionsProjection, CONTRIBUTIONS, feed.events);

    expect(contributions.get('C-2019-NO')).toEqual({
      contributionId: 'C-2019-NO',
      donor: 'Norway',
      year: 2019,
      fundingLine: 1,
      earmarkedRegion: 'africa',
      pledged: usd(500_000),
      received: usd(200_000) + 5_000_001,
      outstanding: usd(500_000) - usd(200_000) - 5_000_001,
      receipts: [
        { receiptId: 'R-1', amount: usd(200_000), receivedOn: '2019-03-01' },
        { receiptId: 'R-2', amount: 5_000_001, receivedOn: '2019-06-01' },
      ],
      lastEventAt: '2019-06-01T15:00:00.000Z',
      revision: 2,
    } satisfies ContributionDocument);
    expect(contributions.get('C-2019-US')).toEqual({
      contributionId: 'C-2019-US',
      donor: 'United States',
      year: 2019,
      fundingLine: 1,
      pledged: usd(1_000_000),
      received: 0,
      outstanding: usd(1_000_000),
      receipts: [],
      lastEventAt: '2019-01-10T09:00:00.000Z',
      revision: 0,
    } satisfies ContributionDocument);
  });

  it('ignores event types it does not know', () => {
    const feed = new TestFeed();
    contributionHistory(feed, 'C-1', [pledge('C-1', 'Norway', 100)]);
    const unknown = feed.record('contribution-C-1', [{ type: 'ContributionWithdrawn', data: { contributionId: 'C-1', at: 'x' } }])[0]!;

    expect(contributionsProjection.touches(unknown)).toEqual([]);
    expect(contributionsProjection.apply(unknown, new Map()).size).toBe(0);
    expect(collectionAfter(contributionsProjection, CONTRIBUTIONS, feed.events).get('C-1')).toMatchObject({ pledged: 100, revision: 0 });
  });

  it('applies a receipt once, and the same way every time', () => {
    const feed = new TestFeed();
    contributionHistory(feed, 'C-1', [pledge('C-1', 'Norway', 100), receive('R-1', 40, '2019-02-01')]);
    const before = collectionAfter(contributionsProjection, CONTRIBUTIONS, feed.events.slice(0, 1)).get('C-1');
    const after = collectionAfter(contributionsProjection, CONTRIBUTIONS, feed.events).get('C-1');
    const current = new Map([['contributions/C-1', before]]);

    expect(contributionsProjection.apply(feed.last(), current)).toEqual(contributionsProjection.apply(feed.last(), current));
    expect(contributionsProjection.apply(feed.last(), current).get('contributions/C-1')).toEqual(after);
    expect(contributionsProjection.apply(feed.last(), new Map([['contributions/C-1', after]])).size).toBe(0);
  });
});
