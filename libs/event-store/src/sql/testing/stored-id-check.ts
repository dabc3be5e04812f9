import { isUniqueViolation, type SqlClient, type SqlTransaction } from '#sql';
import type { EventToAppend } from '../../event-store.port.js';
import { anEvent } from '../../testing/test-events.js';
import type { SqlEventStore } from '../sql-event-store.js';

class RolledBack extends Error {}

/**
 * The append's check for ids already stored must not read `events` sequentially on a
 * store that has grown since the session first ran it: PL/pgSQL keeps a generic plan per
 * session, and the one made while the table was empty was a sequential scan (docs/adr/0014).
 * Since migration 7 the append reads no event at all: the unique index on event_id makes
 * the check as the INSERT writes, and a stored id fails the statement (SqlEventStore then
 * judges a retry). `client` must have a single connection, so that the appends below and
 * the counted call share the session and its cached plans.
 */
export function describeStoredIdCheck(name: string, open: () => Promise<{ client: SqlClient; store: SqlEventStore; dispose: () => Promise<void> }>): void {
  describe(`${name}: the append's check for stored ids`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    it('reads no event sequentially once the store has grown, whatever plan the session made while it was empty', async () => {
      const { client, store } = opened;
      // Ten appends on the empty store: the session's function now runs on a generic plan.
      for (let n = 0; n < 10; n++) await store.append(`plan-warm-${n}`, [anEvent(), anEvent()], 'no_stream');
      await client.exec(`
        INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at)
        SELECT 'plan-bulk-' || n, 0, gen_random_uuid(), 'Bulk', '{}', '{}', now() FROM generate_series(1, 5000) AS n`);
      const stored = anEvent();
      await store.append('plan-stored', [stored], 'no_stream');

      // Scans of `events` by one call of the append function, in a transaction rolled back
      // (the session's counts not yet reported to the server's statistics: before and after).
      const scansOfAppend = async (streamId: string, events: EventToAppend[]) => {
        const counts = async (tx: SqlTransaction) => {
          const [row] = await tx.query<{ seq_scan: string; idx_scan: string }>(
            `SELECT seq_scan::text, idx_scan::text FROM pg_stat_xact_user_tables WHERE relname = 'events'`,
          );
          return { seq: Number(row!.seq_scan), index: Number(row!.idx_scan) };
        };
        let scanned: { seq: number; index: number } | undefined;
        await client
          .transaction(async (tx) => {
            const before = await counts(tx);
            const rows = await tx.query('SELECT * FROM append_events(1, $1, $2, $3)', [[streamId], [-1], JSON.stringify([events])]);
            const after = await counts(tx);
            scanned = { seq: after.seq - before.seq, index: after.index - before.index };
            expect(rows).toMatchObject([{ outcome: 'appended', revision: String(events.length - 1) }]);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          });
        return scanned!;
      };
      const fresh = [anEvent(), anEvent(), anEvent()];
      const appended = await scansOfAppend('plan-new', fresh);
      expect(appended).toEqual({ seq: 0, index: 0 });
      // A stored id is caught by the unique index as the INSERT writes it: nothing is written.
      const failure = await scansOfAppend('plan-stored-again', [stored]).catch((error: unknown) => error);
      expect(isUniqueViolation(failure)).toBe(true);
      expect(await store.readStream('plan-stored-again')).toEqual([]);
    });
  });
}
