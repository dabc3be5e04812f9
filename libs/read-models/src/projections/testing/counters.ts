import { refId, type Projection } from '../../projection.js';

/**
 * The smallest projection a projector test needs: how many events each `counter-` stream
 * has seen (collection 'counters', key: the stream id).
 */
export const counters: Projection = {
  name: 'counters',
  collections: ['counters'],
  streamPrefixes: ['counter-'],
  touches: (event) => [{ collection: 'counters', key: event.streamId }],
  apply(event, current) {
    const id = refId({ collection: 'counters', key: event.streamId });
    const before = current.get(id) as { count: number } | undefined;
    return new Map([[id, { count: (before?.count ?? 0) + 1 }]]);
  },
};
