import { DeciderSpecification } from '../../testing/decider-specification.js';
import type { CommandContext } from '../../shared/actor.js';
import { cents, type Cents } from '../../shared/money.js';
import { contributionDecider, outstandingPledge } from './contribution-decider.js';
import {
  contributionStreamId,
  type ContributionCommand,
  type PledgeContribution,
  type RecordContributionReceipt,
} from './contribution-commands.js';
import type { ContributionEvent } from './contribution-events.js';

const spec = DeciderSpecification.for(contributionDecider);
const context: CommandContext = { actor: { id: 'fin', role: 'finance-officer' }, at: '2019-05-10T16:30:00.000Z' };
const usd = (dollars: number): Cents => cents(dollars * 100);
const regions = ['africa', 'asia-and-oceania', 'europe', 'latin-america-and-the-caribbean', 'global'];

const pledge = (data: Partial<PledgeContribution['data']> = {}): ContributionCommand => ({
  type: 'PledgeContribution',
  data: { contributionId: 'C-2019-001', donor: 'Government of Norway', year: 2019, fundingLine: 2, amount: usd(500_000), ...data },
  context,
  regions,
});
const receipt = (data: Partial<RecordContributionReceipt['data']> = {}): ContributionCommand => ({
  type: 'RecordContributionReceipt',
  data: { receiptId: 'R-1', amount: usd(200_000), receivedOn: '2019-05-10', ...data },
  context,
});

const facts = { contributionId: 'C-2019-001', donor: 'Government of Norway', year: 2019, fundingLine: 2 as const, at: context.at, effectiveOn: context.at.slice(0, 10) };
const pledged: ContributionEvent = { type: 'ContributionPledged', data: { ...facts, amount: usd(500_000) } };
const received = (receiptId: string, amount: Cents, receivedAfter: Cents): ContributionEvent => ({
  type: 'ContributionReceived',
  data: { ...facts, receiptId, amount, receivedOn: '2019-05-01', receivedAfter },
});

describe('donor contribution', () => {
  it('lives in one stream per contribution', () => {
    expect(contributionStreamId('C-2019-001')).toBe('contribution-C-2019-001');
  });

  describe('pledging', () => {
    it('records a pledge per donor, year and funding line, which counts nothing as received yet', () => {
      spec
        .given([])
        .when(pledge())
        .thenEvents((events, state) => {
          expect(events).toEqual([pledged]);
          expect(state).toMatchObject({ status: 'pledged', pledged: usd(500_000), received: 0, earmarkedRegion: null });
        });
    });

    it('records a pledge earmarked to a region of the code list', () => {
      spec
        .given([])
        .when(pledge({ earmarkedRegion: 'africa' }))
        .then([{ type: 'ContributionPledged', data: { ...facts, earmarkedRegion: 'africa', amount: usd(500_000) } }]);
    });

    it('refuses a region that is not in the regions code list', () => {
      const error = spec.given([]).when(pledge({ earmarkedRegion: 'atlantis' })).thenThrows('contribution.invalid');
      expect(error.errors).toEqual([expect.objectContaining({ field: 'earmarkedRegion' })]);
    });

    it('keeps the donor name without surrounding spaces', () => {
      spec
        .given([])
        .when(pledge({ donor: '  Government of Norway ' }))
        .thenEvents(([event]) => expect(event!.data.donor).toBe('Government of Norway'));
    });

    it('refuses a blank donor, a donor over 200 characters, a bad year and a bad line, all at once', () => {
      const blank = spec.given([]).when(pledge({ donor: '  ', year: 1999, fundingLine: 0 as never })).thenThrows('contribution.invalid');
      expect(blank.kind).toBe('invalid');
      expect(blank.errors.map((e) => e.field)).toEqual(['donor', 'year', 'fundingLine']);
      spec.given([]).when(pledge({ donor: 'ж'.repeat(201) })).thenThrows('contribution.invalid');
    });

    it('accepts a donor of exactly 200 characters in any script', () => {
      spec.given([]).when(pledge({ donor: 'م'.repeat(200) })).thenEvents((events) => expect(events).toHaveLength(1));
    });

    it.each([0, -1, 1.5])('refuses a pledge of %p cents', (amount) => {
      spec.given([]).when(pledge({ amount: amount as Cents })).thenThrows('money.invalid-amount');
    });

    it('refuses to pledge the same contribution twice', () => {
      expect(spec.given([pledged]).when(pledge()).thenThrows('contribution.already-pledged').kind).toBe('conflict');
    });
  });

  describe('receiving', () => {
    it('records money received against the pledge, with the total received after it', () => {
      spec
        .given([pledged])
        .when(receipt())
        .then([
          {
            type: 'ContributionReceived',
            data: { ...facts, receiptId: 'R-1', amount: usd(200_000), receivedOn: '2019-05-10', receivedAfter: usd(200_000) },
          },
        ]);
    });

    it('receives the pledge in instalments up to the full amount', () => {
      spec
        .given([pledged, received('R-1', usd(200_000), usd(200_000))])
        .when(receipt({ receiptId: 'R-2', amount: usd(300_000) }))
        .thenEvents((_, state) => {
          expect(state.received).toBe(usd(500_000));
          expect(outstandingPledge(state)).toBe(0);
          expect(state.receiptIds).toEqual(['R-1', 'R-2']);
        });
    });

    it('refuses to receive more than was pledged', () => {
      const error = spec
        .given([pledged, received('R-1', usd(200_000), usd(200_000))])
        .when(receipt({ receiptId: 'R-2', amount: (usd(300_000) + 1) as Cents }))
        .thenThrows('contribution.exceeds-pledge');
      expect(error.kind).toBe('conflict');
      expect(error.detail).toContain('300000.00');
    });

    it('refuses to record the same receipt twice', () => {
      spec
        .given([pledged, received('R-1', usd(1_000), usd(1_000))])
        .when(receipt({ amount: usd(1_000) }))
        .thenThrows('contribution.duplicate-receipt');
    });

    it('refuses a receipt for a contribution that was never pledged', () => {
      expect(spec.given([]).when(receipt()).thenThrows('contribution.not-found').kind).toBe('not-found');
    });

    it('refuses money received on a day that has not come yet', () => {
      const error = spec.given([pledged]).when(receipt({ receivedOn: '2019-05-11' })).thenThrows('contribution.invalid');
      expect(error.errors).toEqual([{ field: 'receivedOn', message: 'must not be after 2019-05-10' }]);
    });

    it.each(['2019-02-29', '2019-5-1', '10/05/2019', ''])('refuses the receipt date %p', (receivedOn) => {
      spec.given([pledged]).when(receipt({ receivedOn })).thenThrows('contribution.invalid');
    });

    it('refuses a blank receipt id', () => {
      spec.given([pledged]).when(receipt({ receiptId: ' ' })).thenThrows('contribution.invalid');
    });

    it.each([0, -5])('refuses a receipt of %p cents', (amount) => {
      spec.given([pledged]).when(receipt({ amount: amount as Cents })).thenThrows('money.invalid-amount');
    });

    it('carries the earmark onto every receipt', () => {
      const earmarked: ContributionEvent = { type: 'ContributionPledged', data: { ...facts, earmarkedRegion: 'europe', amount: usd(10) } };
      spec
        .given([earmarked])
        .when(receipt({ amount: usd(10) }))
        .thenEvents(([event]) => expect(event!.data).toMatchObject({ earmarkedRegion: 'europe', donor: 'Government of Norway' }));
    });
  });

  describe('business dates', () => {
    const dated = (cmd: ContributionCommand, effectiveOn: string): ContributionCommand => ({ ...cmd, context: { ...context, today: '2019-05-10', effectiveOn } });

    it('stamps the pledge and the receipt with their business dates', () => {
      spec.given([]).when(dated(pledge(), '2019-04-01')).thenEvents(([event]) => expect(event!.data).toMatchObject({ at: context.at, effectiveOn: '2019-04-01' }));
    });

    it('refuses a receipt dated before its pledge, naming the pledge', () => {
      const pledgedOn = { ...pledged, data: { ...pledged.data, effectiveOn: '2019-05-01' } } as ContributionEvent;
      const error = spec.given([pledgedOn]).when(dated(receipt(), '2019-04-30')).thenThrows('effective-on.before-previous-step');
      expect(error.detail).toContain('ContributionPledged on 2019-05-01');
      spec.given([pledgedOn]).when(dated(receipt(), '2019-05-01')).thenEvents((events) => expect(events).toHaveLength(1));
    });

    it('refuses a pledge dated in the future', () => {
      spec.given([]).when(dated(pledge(), '2019-05-11')).thenThrows('effective-on.in-future');
    });

    it("refuses money received after the fund's today", () => {
      const cmd: ContributionCommand = { ...receipt({ receivedOn: '2019-05-11' }), context: { ...context, today: '2019-05-10' } };
      spec.given([pledged]).when(cmd).thenThrows('contribution.invalid');
    });
  });
});
