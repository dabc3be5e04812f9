import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SqlEventStore, SqlStoreAudit, type EventToAppend } from '#event-store';
import type { SqlClient } from '#sql';
import { eventHash } from '../../hash-chain.js';
import type { Checkpoint } from '../checkpoint.js';
import { verifyStore, type StoreBreak, type StoreVerification } from '../store-verification.js';
import { takeCheckpoint } from '../take-checkpoint.js';

/**
 * A store with a small fund in it, and the attacks of issue 18 done to it as the table's
 * owner does them: with the append-only triggers switched off for the session
 * (`session_replication_role = replica`, which only a superuser may set), and the hashes
 * recomputed with the service's own function where the attack needs it.
 */
export class TamperedStore {
  readonly audit: SqlStoreAudit;
  readonly store: SqlEventStore;
  readonly key: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ed25519');
  readonly checkpoints: { name: string; checkpoint: Checkpoint }[] = [];

  constructor(readonly client: SqlClient) {
    this.audit = new SqlStoreAudit(client);
    this.store = new SqlEventStore(client, { ownsClient: false });
  }

  /** Appends events chained like the repository chains them (hash-chain.ts). */
  async record(streamId: string, ...events: { type: string; data: Record<string, unknown>; recordedAt?: string }[]): Promise<void> {
    const existing = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    let revision = existing[0]?.revision ?? -1;
    let previousHash = existing[0]?.metadata.hash ?? '';
    const toAppend: EventToAppend[] = events.map(({ type, data, recordedAt }) => {
      revision++;
      const event: EventToAppend = {
        id: randomUUID(),
        type,
        data,
        metadata: {
          actorId: 'fm-1', actorRole: 'finance-officer', recordedAt: recordedAt ?? new Date().toISOString(),
          correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1, previousHash, hash: '',
        },
      };
      event.metadata.hash = eventHash(streamId, revision, event);
      previousHash = event.metadata.hash;
      return event;
    });
    await this.store.append(streamId, toAppend, existing.length === 0 ? 'no_stream' : existing[0]!.revision);
  }

  /** A project, an envelope, a contribution, a PRIMA id and a code list: every kind of stream. */
  async aSmallFund(): Promise<void> {
    await this.record('envelope-2019-1', { type: 'EnvelopeOpened', data: { year: 2019, fundingLine: 1, amount: 147_988_700 } });
    await this.record('contribution-c1', { type: 'ContributionPledged', data: { donor: 'NL', amount: 50_000_000 } });
    await this.record('prima-id-KG10P0501', { type: 'PrimaIdClaimed', data: { projectId: 'PO.0143' } });
    await this.record('code-list-thematic-areas', { type: 'CodeAdded', data: { code: 'labour-migration' } });
    await this.record(
      'project-PO.0143',
      { type: 'ProjectDrafted', data: { projectId: 'PO.0143', budget: 3_788_700 } },
      { type: 'ProjectApproved', data: {} },
      { type: 'DisbursementRecorded', data: { amount: 1_000_000 } },
      { type: 'DisbursementRecorded', data: { amount: 500_000 } },
    );
    await this.record('envelope-2019-1', { type: 'FundsReserved', data: { projectId: 'PO.0143', amount: 3_788_700 } });
  }

  async sign(): Promise<Checkpoint> {
    const checkpoint = await takeCheckpoint(this.audit, this.key.privateKey, this.checkpoints.at(-1)?.checkpoint, new Date());
    this.checkpoints.push({ name: `checkpoint-${this.checkpoints.length + 1}`, checkpoint });
    return checkpoint;
  }

  async verify(withAnchors = true): Promise<{ report: StoreVerification; breaks: StoreBreak[] }> {
    const breaks: StoreBreak[] = [];
    const anchors = withAnchors ? { checkpoints: this.checkpoints, rejected: [] } : undefined;
    const report = await verifyStore(this.audit, { ...(anchors ? { anchors } : {}), onBreak: (found) => breaks.push(found), pageSize: 3 });
    return { report, breaks };
  }

  /** Runs `sql` as the owner would, with the append-only guard switched off. */
  async asOwner(sql: string): Promise<void> {
    await this.client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica; ${sql}`);
    });
  }

  async position(streamId: string, revision: number): Promise<string> {
    const [row] = await this.client.query<{ p: string }>('SELECT global_position::text AS p FROM events WHERE stream_id = $1 AND stream_revision = $2', [streamId, revision]);
    return row!.p;
  }

  /**
   * The attacker who knows the hash function: changes one event's data, then recomputes its
   * hash and that of every later event of the stream, and the head, so every chain and head
   * in the database agrees.
   */
  async rewriteAndRehash(streamId: string, revision: number, data: Record<string, unknown>): Promise<void> {
    const events = await this.store.readStream(streamId);
    let previousHash = revision === 0 ? '' : events[revision - 1]!.metadata.hash;
    const statements: string[] = [];
    for (const event of events.slice(revision)) {
      const rewritten = { ...event, data: event.revision === revision ? data : event.data, metadata: { ...event.metadata, previousHash, hash: '' } };
      rewritten.metadata.hash = eventHash(streamId, event.revision, rewritten);
      previousHash = rewritten.metadata.hash;
      statements.push(
        `UPDATE events SET data = ${jsonb(rewritten.data)}, metadata = ${jsonb(rewritten.metadata)} WHERE event_id = '${event.id}'`,
      );
    }
    statements.push(`UPDATE streams SET last_hash = '${previousHash}' WHERE stream_id = '${streamId}'`);
    await this.asOwner(statements.join(';\n'));
  }
}

function jsonb(value: unknown): string {
  return `'${JSON.stringify(value).replaceAll("'", "''")}'::jsonb`;
}
