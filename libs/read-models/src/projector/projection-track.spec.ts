import type { Projection } from '../projection.js';
import { DocumentMemory } from './document-memory.js';
import { ProjectionTrack } from './projection-track.js';

/** A projection that writes a log entry per event (write-only) and a total it reads back. */
const logged: Projection = {
  name: 'logged',
  collections: ['totals', 'log'],
  streamPrefixes: ['x-'],
  writeOnlyCollections: ['log'],
  touches: () => [{ collection: 'totals', key: 'all' }],
  apply: () => new Map(),
};

describe('ProjectionTrack', () => {
  it('keeps in its memory the documents a commit wrote, except those of write-only collections', async () => {
    const memory = new DocumentMemory(1_000_000);
    const track = new ProjectionTrack(logged, 1, memory, { commit: 0n, prepare: 0n });

    track.committed(
      [
        { ref: { collection: 'totals', key: 'all' }, doc: { count: 2 } },
        { ref: { collection: 'log', key: 'e-1' }, doc: { line: 'first' } },
        { ref: { collection: 'log', key: 'e-2' }, doc: { line: 'second' } },
      ],
      { commit: 2n, prepare: 2n },
      2,
      true,
    );

    expect(memory.remembered).toBe(JSON.stringify({ count: 2 }).length);
    const asked: string[] = [];
    const found = await memory.load(
      [
        { collection: 'totals', key: 'all' },
        { collection: 'log', key: 'e-1' },
      ],
      async (refs) => {
        asked.push(...refs.map((ref) => `${ref.collection}/${ref.key}`));
        return new Map();
      },
    );
    expect(found.get('totals/all')).toEqual({ count: 2 });
    expect(asked).toEqual(['log/e-1']); // not remembered: it would have to come from the store
    expect(track.checkpoint).toEqual({ commit: 2n, prepare: 2n });
  });
});
