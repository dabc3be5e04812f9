import { EVENT_STORE_MIGRATIONS, SqlEventStore } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import { anEvent } from '../../../event-store/src/testing/test-events.js';
import { refId, type Projection } from '../projection.js';
import type { ReadStore } from '../read-store.port.js';
import { READ_STORE_MIGRATIONS } from '../sql/migrations/index.js';
import { SqlReadStore } from '../sql/sql-read-store.js';
import { projectionLag } from './projection-lag.js';

const notes: Projection = {
  name: 'notes',
  collections: ['notes'],
  streamPrefixes: ['note-'],
  touches: (event) => [{ collection: 'notes', key: event.streamId }],
  apply: (event) => new Map([[refId({ collection: 'notes', key: event.streamId }), { type: event.type }]]),
};

describe('projectionLag while a rebuild switches generations', () => {
  it('never reports the whole feed behind when the activation falls between its reads', async () => {
    const client = await PgliteClient.open(undefined);
    try {
      await migrate(client, [...EVENT_STORE_MIGRATIONS, ...READ_STORE_MIGRATIONS]);
      const events = new SqlEventStore(client, { ownsClient: false });
      const views = new SqlReadStore(client);
      for (let n = 0; n < 5; n++) await events.append(`note-${n}`, [anEvent('Noted')], 'no_stream');
      const end = (await events.headPosition())!;
      // Generation 1 is live at the end of the feed; a rebuild has filled generation 2 as far.
      await views.commit('notes', 1, [], end);
      const rebuilt = await views.createGeneration('notes');
      await views.commit('notes', rebuilt, [], end);

      // The rebuild activates generation 2 just after the lag has read which generation is active.
      let switched = false;
      const switchingMidRead: ReadStore = Object.create(views, {
        checkpoint: {
          value: async (projection: string, generation: number) => {
            if (!switched) {
              switched = true;
              await views.activate('notes', rebuilt);
            }
            return views.checkpoint(projection, generation);
          },
        },
      });
      const [lag] = await projectionLag(events, switchingMidRead, [notes]);

      expect(switched).toBe(true);
      expect(lag).toMatchObject({ projection: 'notes', generation: rebuilt, eventsBehind: 0, secondsBehind: 0 });
    } finally {
      await client.close();
    }
  });
});
