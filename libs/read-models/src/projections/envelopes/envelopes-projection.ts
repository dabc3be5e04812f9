import type { EnvelopeEvent, FundingLine } from '#domain';
import type { RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { businessInstantOf, domainEventOf } from '../recorded-event.js';

export const ENVELOPES = 'envelopes';

/**
 * The use of one funding envelope (collection 'envelopes', key `${year}-${fundingLine}`).
 * Money in integer cents. `reserved` is what projects hold now (the events' `reservedAfter`),
 * `reservedTotal` and `releasedTotal` every reservation and release ever made.
 */
export type EnvelopeDocument = {
  year: number;
  fundingLine: FundingLine;
  /** The envelope's size, as last adjusted. */
  amount: number;
  reserved: number;
  /** amount − reserved: what approvals can still reserve. */
  available: number;
  reservedTotal: number;
  releasedTotal: number;
  /** How many times the size was adjusted. */
  adjustments: number;
  lastEventAt: string;
  /** The stream revision of the last event applied. */
  revision: number;
};

const ENVELOPE_STREAM = 'envelope-';
const KNOWN: Readonly<Record<EnvelopeEvent['type'], true>> = {
  EnvelopeOpened: true,
  EnvelopeAdjusted: true,
  FundsReserved: true,
  FundsReleased: true,
};

export const envelopesProjection: Projection = {
  name: 'envelopes',
  collections: [ENVELOPES],
  streamPrefixes: [ENVELOPE_STREAM],

  touches(event: RecordedEvent): DocumentRef[] {
    return isEnvelopeEvent(event) ? [envelopeRef(event)] : [];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    if (!isEnvelopeEvent(event)) return changes;
    const id = refId(envelopeRef(event));
    const stored = current.get(id) as EnvelopeDocument | undefined;
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    changes.set(id, evolveEnvelope(stored, domainEventOf<EnvelopeEvent>(event), event));
    return changes;
  },
};

function evolveEnvelope(stored: EnvelopeDocument | undefined, event: EnvelopeEvent, recorded: RecordedEvent): EnvelopeDocument {
  const { year, fundingLine } = event.data;
  const base: EnvelopeDocument = stored ?? {
    year,
    fundingLine,
    amount: 0,
    reserved: 0,
    available: 0,
    reservedTotal: 0,
    releasedTotal: 0,
    adjustments: 0,
    lastEventAt: '',
    revision: -1,
  };
  const next = ((): EnvelopeDocument => {
    switch (event.type) {
      case 'EnvelopeOpened':
        return { ...base, amount: event.data.amount };
      case 'EnvelopeAdjusted':
        return { ...base, amount: event.data.newAmount, adjustments: base.adjustments + 1 };
      case 'FundsReserved':
        return { ...base, reserved: event.data.reservedAfter, reservedTotal: base.reservedTotal + event.data.amount };
      case 'FundsReleased':
        return { ...base, reserved: event.data.reservedAfter, releasedTotal: base.releasedTotal + event.data.amount };
    }
  })();
  return {
    ...next,
    available: next.amount - next.reserved,
    lastEventAt: businessInstantOf(recorded),
    revision: recorded.revision,
  };
}

function isEnvelopeEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith(ENVELOPE_STREAM) && Object.hasOwn(KNOWN, event.type);
}

/** Every envelope event names its (year, line), so the key needs no parsing of the stream id. */
function envelopeRef(event: RecordedEvent): DocumentRef {
  return { collection: ENVELOPES, key: `${String(event.data['year'])}-${String(event.data['fundingLine'])}` };
}
