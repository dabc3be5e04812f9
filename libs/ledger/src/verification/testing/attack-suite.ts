import type { SqlClient } from '#sql';
import { checkpointSignedBy } from '../checkpoint.js';
import { TamperedStore } from './tampered-store.js';

/**
 * The attacks of issue 18 against a real store, each found by verification and/or by the
 * signed checkpoints, the report naming the break and the checkpoint contradicted. Run on
 * every SQL engine (store-verification.*.int-spec.ts).
 */
export function describeAttacksOn(engine: string, open: () => Promise<{ client: SqlClient; dispose: () => Promise<void> }>): void {
  describe(`verification of a whole store against its attackers (${engine})`, () => {
    let opened: { client: SqlClient; dispose: () => Promise<void> };
    let fund: TamperedStore;

    beforeEach(async () => {
      opened = await open();
      fund = new TamperedStore(opened.client);
      await fund.aSmallFund();
    });

    afterEach(async () => {
      await opened.dispose();
    });

    it('finds an untouched store intact, every kind of stream counted, and its checkpoints agreeing', async () => {
      const first = await fund.sign();
      await fund.record('project-PO.0143', { type: 'ExpenditureRecorded', data: { amount: 200_000 } });
      await fund.sign();
      const { report, breaks } = await fund.verify();
      expect(breaks).toEqual([]);
      expect(report).toMatchObject({ intact: true, events: 10, streams: 5, breaks: 0, checkpoints: { verified: 2 } });
      expect(Object.keys(first.heads)).toEqual(['code-list', 'contribution', 'envelope', 'prima-id', 'project']);
    });

    it('signs no position absent in a store past nine events: positions compare as numbers, not as text', async () => {
      await fund.record('project-PO.0143', ...['200000', '300000', '400000'].map((amount) => ({ type: 'ExpenditureRecorded', data: { amount: Number(amount) } })));
      const checkpoint = await fund.sign();
      expect(checkpoint).toMatchObject({ upTo: '12', events: '12', absent: [] });
      const { report, breaks } = await fund.verify();
      expect(breaks).toEqual([]);
      expect(report).toMatchObject({ intact: true, events: 12 });
    });

    it("reports a stream's deleted last event: the head disagrees, a position is missing, the checkpoint is contradicted", async () => {
      const checkpoint = await fund.sign();
      const position = await fund.position('project-PO.0143', 3);
      await fund.asOwner(`DELETE FROM events WHERE stream_id = 'project-PO.0143' AND stream_revision = 3`);

      const { report, breaks } = await fund.verify();
      expect(report.intact).toBe(false);
      expect(breaks).toContainEqual(
        expect.objectContaining({ kind: 'head-mismatch', streamId: 'project-PO.0143', recorded: expect.objectContaining({ revision: 3 }), lastEvent: expect.objectContaining({ revision: 2 }) }),
      );
      expect(breaks).toContainEqual({ kind: 'position-gap', from: position, to: position });
      expect(breaks).toContainEqual(
        expect.objectContaining({ kind: 'checkpoint-contradicted', problem: 'events-missing', missing: [[position, position]], checkpoint: expect.objectContaining({ name: 'checkpoint-1', upTo: checkpoint.upTo }) }),
      );
      expect(breaks).toContainEqual(expect.objectContaining({ kind: 'checkpoint-contradicted', problem: 'heads-differ', streamKinds: [expect.objectContaining({ kind: 'project' })] }));
    });

    it('reports a deleted event whose head was set back too, through the hole it leaves in the positions', async () => {
      const position = await fund.position('project-PO.0143', 3);
      await fund.asOwner(`
        DELETE FROM events WHERE stream_id = 'project-PO.0143' AND stream_revision = 3;
        UPDATE streams SET last_revision = 2, last_hash = (SELECT metadata->>'hash' FROM events WHERE stream_id = 'project-PO.0143' AND stream_revision = 2)
         WHERE stream_id = 'project-PO.0143';`);

      const { breaks } = await fund.verify(false);
      expect(breaks).toEqual([{ kind: 'position-gap', from: position, to: position }]);
    });

    it('reports the last event of the store removed with its head set back, against the checkpoint that saw it', async () => {
      const checkpoint = await fund.sign();
      await fund.asOwner(`
        DELETE FROM events WHERE stream_id = 'envelope-2019-1' AND stream_revision = 1;
        UPDATE streams SET last_revision = 0, last_hash = (SELECT metadata->>'hash' FROM events WHERE stream_id = 'envelope-2019-1' AND stream_revision = 0)
         WHERE stream_id = 'envelope-2019-1';`);

      expect((await fund.verify(false)).breaks).toEqual([]);
      const { breaks } = await fund.verify();
      expect(breaks).toEqual([
        expect.objectContaining({ kind: 'checkpoint-contradicted', problem: 'heads-differ', checkpoint: expect.objectContaining({ upTo: checkpoint.upTo }), streamKinds: [expect.objectContaining({ kind: 'envelope' })] }),
        expect.objectContaining({ kind: 'checkpoint-contradicted', problem: 'events-missing', missing: [[checkpoint.upTo, checkpoint.upTo]] }),
      ]);
    });

    it('reports a disbursement changed and the rest of its chain re-hashed with the checkpoint it contradicts', async () => {
      const checkpoint = await fund.sign();
      await fund.rewriteAndRehash('project-PO.0143', 2, { amount: 100 });

      // Every hash in the database agrees with the forgery: only the anchor can tell.
      expect((await fund.verify(false)).breaks).toEqual([]);
      const { report, breaks } = await fund.verify();
      expect(report.intact).toBe(false);
      expect(breaks).toEqual([
        {
          kind: 'checkpoint-contradicted',
          problem: 'heads-differ',
          checkpoint: { name: 'checkpoint-1', upTo: checkpoint.upTo, signedAt: checkpoint.signedAt },
          streamKinds: [{ kind: 'project', signed: checkpoint.heads['project'], found: { streams: 1, digest: expect.any(String) } }],
        },
      ]);
    });

    it('reports a disbursement changed without re-hashing as a broken chain', async () => {
      await fund.asOwner(`UPDATE events SET data = '{"amount": 100}' WHERE stream_id = 'project-PO.0143' AND stream_revision = 2`);
      const { breaks } = await fund.verify(false);
      expect(breaks).toEqual([expect.objectContaining({ kind: 'chain-broken', problem: 'hash-mismatch', streamId: 'project-PO.0143', revision: 2 })]);
    });

    it('reports a rewritten recorded_at, the instant as-of reads use', async () => {
      await fund.asOwner(`UPDATE events SET recorded_at = recorded_at - interval '30 days' WHERE stream_id = 'contribution-c1'`);
      const { breaks } = await fund.verify(false);
      expect(breaks).toEqual([expect.objectContaining({ kind: 'recorded-at-rewritten', streamId: 'contribution-c1', revision: 0 })]);
    });

    it('reports every gap in the global positions', async () => {
      const [a, b] = [await fund.position('prima-id-KG10P0501', 0), await fund.position('code-list-thematic-areas', 0)];
      const last = await fund.position('envelope-2019-1', 1);
      await fund.asOwner(`
        CREATE TEMP TABLE moved AS SELECT * FROM events WHERE stream_id = 'envelope-2019-1' AND stream_revision = 1;
        DELETE FROM events WHERE stream_id = 'envelope-2019-1' AND stream_revision = 1;
        UPDATE moved SET global_position = global_position + 100;
        INSERT INTO events OVERRIDING SYSTEM VALUE SELECT * FROM moved;
        DROP TABLE moved;
        DELETE FROM events WHERE global_position IN (${a}, ${b});
        DELETE FROM streams WHERE stream_id IN ('prima-id-KG10P0501', 'code-list-thematic-areas')`);
      const { breaks } = await fund.verify(false);
      expect(breaks).toEqual([
        { kind: 'position-gap', from: a, to: b },
        { kind: 'position-gap', from: last, to: String(Number(last) + 99) },
      ]);
    });

    it('reports a stream whose recorded head does not match its last event', async () => {
      await fund.asOwner(`UPDATE streams SET last_revision = 7 WHERE stream_id = 'contribution-c1'; UPDATE streams SET last_hash = 'f00' WHERE stream_id = 'envelope-2019-1'`);
      const { breaks } = await fund.verify(false);
      expect(breaks).toEqual([
        expect.objectContaining({ kind: 'head-mismatch', streamId: 'contribution-c1', recorded: expect.objectContaining({ revision: 7 }), lastEvent: expect.objectContaining({ revision: 0 }) }),
        expect.objectContaining({ kind: 'head-mismatch', streamId: 'envelope-2019-1', recorded: { revision: 1, hash: 'f00' } }),
      ]);
    });

    it('refuses a checkpoint altered after signing', async () => {
      await fund.sign();
      const altered = { ...fund.checkpoints[0]!.checkpoint, upTo: '1' };
      expect(checkpointSignedBy(fund.checkpoints[0]!.checkpoint, fund.key.publicKey)).toBe(true);
      expect(checkpointSignedBy(altered, fund.key.publicKey)).toBe(false);
    });
  });
}
