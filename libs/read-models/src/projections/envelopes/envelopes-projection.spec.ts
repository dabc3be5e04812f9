import { cents, envelopeDecider, envelopeStreamId, type EnvelopeCommand } from '#domain';
import { people, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { asStoredInJsonb, collectionAfter, documentAfter } from '../testing/views.js';
import { ENVELOPES, envelopesProjection, type EnvelopeDocument } from './envelopes-projection.js';

const admin = { actor: people.admin, at: '2019-01-15T09:00:00.000Z' };
const approver = { actor: people.approver, at: '2019-02-15T09:00:00.000Z' };

/** Sends envelope commands through the real envelope decider. */
function envelopeHistory(feed: TestFeed, year: number, fundingLine: 1 | 2, commands: EnvelopeCommand[]): void {
  for (const command of commands) feed.decide(envelopeDecider, envelopeStreamId(year, fundingLine), command);
}

const open = (year: number, fundingLine: 1 | 2, amount: number): EnvelopeCommand => ({
  type: 'OpenEnvelope',
  data: { year, fundingLine, amount: cents(amount) },
  context: admin,
});
const adjust = (newAmount: number): EnvelopeCommand => ({
  type: 'AdjustEnvelope',
  data: { newAmount: cents(newAmount) },
  context: { ...admin, at: '2019-03-01T09:00:00.000Z' },
  reason: 'Donor top-up',
});
const reserve = (projectId: string, amount: number): EnvelopeCommand => ({
  type: 'ReserveFunds',
  data: { projectId, amount: cents(amount), purpose: 'approval' },
  context: approver,
});
const release = (projectId: string, amount: number): EnvelopeCommand => ({
  type: 'ReleaseFunds',
  data: { projectId, amount: cents(amount), purpose: 'cancellation' },
  context: { ...approver, at: '2019-09-01T09:00:00.000Z' },
  reason: 'Government request',
});

describe('envelopes projection', () => {
  it('keeps the use of each (year, funding line): size, reserved now, every reservation and release, adjustments', () => {
    const feed = new TestFeed();
    envelopeHistory(feed, 2019, 1, [
      open(2019, 1, usd(1_479_887)),
      reserve('PO.0143', usd(37_887)),
      reserve('PO.0200', 10_000_001),
      adjust(usd(1_600_000)),
      release('PO.0143', 1_000_050),
    ]);
    envelopeHistory(feed, 2019, 2, [open(2019, 2, usd(14_878_559))]);

    const envelopes = collectionAfter(envelopesProjection, ENVELOPES, feed.events);

    expect(envelopes.get('2019-1')).toEqual({
      year: 2019,
      fundingLine: 1,
      amount: usd(1_600_000),
      reserved: usd(37_887) + 10_000_001 - 1_000_050,
      available: usd(1_600_000) - (usd(37_887) + 10_000_001 - 1_000_050),
      reservedTotal: usd(37_887) + 10_000_001,
      releasedTotal: 1_000_050,
      adjustments: 1,
      lastEventAt: '2019-09-01T09:00:00.000Z',
      revision: 4,
    } satisfies EnvelopeDocument);
    expect(envelopes.get('2019-2')).toEqual({
      year: 2019,
      fundingLine: 2,
      amount: usd(14_878_559),
      reserved: 0,
      available: usd(14_878_559),
      reservedTotal: 0,
      releasedTotal: 0,
      adjustments: 0,
      lastEventAt: admin.at,
      revision: 0,
    } satisfies EnvelopeDocument);
  });

  it('ignores event types it does not know and streams that are not envelopes', () => {
    const feed = new TestFeed();
    envelopeHistory(feed, 2019, 1, [open(2019, 1, 100)]);
    const unknown = feed.record('envelope-2019-1', [{ type: 'EnvelopeRenamed', data: { year: 2019, fundingLine: 1, at: 'x' } }])[0]!;
    const project = feed.record('project-PO.0143', [{ type: 'FundsReserved', data: { year: 2019, fundingLine: 1, at: 'x' } }])[0]!;

    expect(envelopesProjection.touches(unknown)).toEqual([]);
    expect(envelopesProjection.touches(project)).toEqual([]);
    expect(envelopesProjection.apply(unknown, new Map()).size).toBe(0);
    expect(documentAfter<EnvelopeDocument>(envelopesProjection, ENVELOPES, '2019-1', feed.events)).toMatchObject({ amount: 100, revision: 0 });
  });

  it('gives the same document for the same event every time, whatever key order the store returns, once', () => {
    const feed = new TestFeed();
    envelopeHistory(feed, 2019, 1, [open(2019, 1, usd(1_000)), reserve('PO.0143', usd(100))]);
    const before = documentAfter<EnvelopeDocument>(envelopesProjection, ENVELOPES, '2019-1', feed.events.slice(0, 1));
    const after = documentAfter<EnvelopeDocument>(envelopesProjection, ENVELOPES, '2019-1', feed.events);
    const next = feed.last();

    expect(envelopesProjection.apply(next, new Map([['envelopes/2019-1', asStoredInJsonb(before)]])).get('envelopes/2019-1')).toEqual(after);
    expect(envelopesProjection.apply(next, new Map([['envelopes/2019-1', after]])).size).toBe(0);
  });
});
