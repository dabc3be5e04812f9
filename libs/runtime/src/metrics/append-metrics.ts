import { Counter, type Registry } from 'prom-client';
import { WrongExpectedRevisionError, type EventStore } from '#event-store';

/**
 * The streams' kinds, as the domain names them (`project-<id>`, `envelope-<year>-<line>`…):
 * the label of the append counters, so that a hot spot (conflicts on envelopes) shows, while
 * the ids themselves never become labels. A stream of another kind counts as `other`.
 */
const STREAM_KINDS = ['project', 'envelope', 'contribution', 'code-list', 'prima-id', 'idempotency'] as const;

function streamKindOf(streamId: string): string {
  return STREAM_KINDS.find((kind) => streamId.startsWith(`${kind}-`)) ?? 'other';
}

/**
 * The event store with its appends counted, at the one boundary every command crosses
 * (whatever the adapter): appends by outcome (`recorded`, `conflict` for a revision that no
 * longer holds, `failed` for anything else) and events recorded, by stream kind. Reads pass
 * through untouched.
 */
export function countAppends(store: EventStore, registry: Registry): EventStore {
  const appends = new Counter({
    name: 'portfolio_ledger_appends_total',
    help: 'Appends to the event store by stream kind and outcome (recorded, conflict, failed).',
    labelNames: ['stream_kind', 'outcome'] as const,
    registers: [registry],
  });
  const events = new Counter({
    name: 'portfolio_ledger_events_appended_total',
    help: 'Events recorded in the event store by stream kind (an idempotent retry counts again).',
    labelNames: ['stream_kind'] as const,
    registers: [registry],
  });
  return {
    async append(streamId, toAppend, expected) {
      const stream_kind = streamKindOf(streamId);
      try {
        const result = await store.append(streamId, toAppend, expected);
        appends.inc({ stream_kind, outcome: 'recorded' });
        events.inc({ stream_kind }, toAppend.length);
        return result;
      } catch (error) {
        appends.inc({ stream_kind, outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'failed' });
        throw error;
      }
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readEventsById: (streamId, ids) => store.readEventsById(streamId, ids),
    readAll: (options) => store.readAll(options),
    headPosition: (filter) => store.headPosition(filter),
    close: () => store.close(),
  };
}
