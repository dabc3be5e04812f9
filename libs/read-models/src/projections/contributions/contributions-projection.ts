import type { ContributionEvent, FundingLine } from '#domain';
import type { RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { businessInstantOf, domainEventOf } from '../recorded-event.js';

export const CONTRIBUTIONS = 'contributions';

export type ContributionReceipt = {
  receiptId: string;
  amount: number;
  /** YYYY-MM-DD */
  receivedOn: string;
};

/**
 * A donor's contribution (collection 'contributions', key = contributionId), money in cents.
 * A pledge is shown but only `received` counts toward totals.
 */
export type ContributionDocument = {
  contributionId: string;
  donor: string;
  year: number;
  fundingLine: FundingLine;
  earmarkedRegion?: string;
  pledged: number;
  received: number;
  /** pledged − received */
  outstanding: number;
  /** In the order they were recorded. */
  receipts: ContributionReceipt[];
  lastEventAt: string;
  /** The stream revision of the last event applied. */
  revision: number;
};

const CONTRIBUTION_STREAM = 'contribution-';
const KNOWN: Readonly<Record<ContributionEvent['type'], true>> = { ContributionPledged: true, ContributionReceived: true };

export const contributionsProjection: Projection = {
  name: 'contributions',
  collections: [CONTRIBUTIONS],
  streamPrefixes: [CONTRIBUTION_STREAM],

  touches(event: RecordedEvent): DocumentRef[] {
    return isContributionEvent(event) ? [contributionRef(event)] : [];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    if (!isContributionEvent(event)) return changes;
    const id = refId(contributionRef(event));
    const stored = current.get(id) as ContributionDocument | undefined;
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    changes.set(id, evolveContribution(stored, domainEventOf<ContributionEvent>(event), event));
    return changes;
  },
};

function evolveContribution(
  stored: ContributionDocument | undefined,
  event: ContributionEvent,
  recorded: RecordedEvent,
): ContributionDocument {
  // Every event repeats who gives for which (year, line, region): the document can start from any of them.
  const { contributionId, donor, year, fundingLine, earmarkedRegion } = event.data;
  const base: ContributionDocument = stored ?? {
    contributionId,
    donor,
    year,
    fundingLine,
    ...(earmarkedRegion === undefined ? {} : { earmarkedRegion }),
    pledged: 0,
    received: 0,
    outstanding: 0,
    receipts: [],
    lastEventAt: '',
    revision: -1,
  };
  const next = ((): ContributionDocument => {
    switch (event.type) {
      case 'ContributionPledged':
        return { ...base, pledged: event.data.amount };
      case 'ContributionReceived': {
        const { receiptId, amount, receivedOn, receivedAfter } = event.data;
        return { ...base, received: receivedAfter, receipts: [...base.receipts, { receiptId, amount, receivedOn }] };
      }
    }
  })();
  return {
    ...next,
    outstanding: next.pledged - next.received,
    lastEventAt: businessInstantOf(recorded),
    revision: recorded.revision,
  };
}

function isContributionEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith(CONTRIBUTION_STREAM) && Object.hasOwn(KNOWN, event.type);
}

function contributionRef(event: RecordedEvent): DocumentRef {
  return { collection: CONTRIBUTIONS, key: String(event.data['contributionId']) };
}
