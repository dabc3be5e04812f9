import type { SqlClient, SqlQueryable } from '#sql';
import type { AuditedEvent, CheckpointState, RecordedHead, SequenceRange, StoreAudit } from '../store-audit.port.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';

type AuditRow = EventRow & { stored_recorded_at: string };

const AUDIT_COLUMNS = `${EVENT_COLUMNS},
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS stored_recorded_at`;

/**
 * StoreAudit on the SQL schema of EVENT_STORE_MIGRATIONS: the sequence is
 * `global_position`, the heads are the `streams` table (with migration 6's `last_hash`).
 */
export class SqlStoreAudit implements StoreAudit {
  constructor(private readonly client: SqlClient) {}

  async lastSequence(): Promise<bigint> {
    const [row] = await this.client.query<{ last: string }>('SELECT coalesce(max(global_position), 0)::text AS last FROM events');
    return BigInt(row!.last);
  }

  async readSequence(after: bigint, upTo: bigint, maxCount: number): Promise<AuditedEvent[]> {
    const rows = await this.client.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM events WHERE global_position > $1::text::bigint AND global_position <= $2::text::bigint
        ORDER BY global_position LIMIT $3`,
      [String(after), String(upTo), maxCount],
    );
    return rows.map(toAudited);
  }

  async readStreamAfter(streamId: string, afterRevision: number): Promise<AuditedEvent[]> {
    const rows = await this.client.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_revision > $2 ORDER BY stream_revision`,
      [streamId, afterRevision],
    );
    return rows.map(toAudited);
  }

  async storedSequences(from: bigint, to: bigint): Promise<bigint[]> {
    return storedIn(this.client, from, to);
  }

  async readHeads(afterStreamId: string | undefined, maxCount: number): Promise<RecordedHead[]> {
    const rows = await this.client.query<HeadRow>(
      `SELECT stream_id, last_revision::text AS last_revision, last_hash FROM streams
        WHERE $1::text IS NULL OR stream_id > $1 ORDER BY stream_id LIMIT $2`,
      [afterStreamId ?? null, maxCount],
    );
    return rows.map(toHead);
  }

  async checkpointState(previous: { upTo: bigint; absent: readonly SequenceRange[] } | undefined): Promise<CheckpointState> {
    // One snapshot for the numbers and the heads: an append commits its events and its
    // head together, so what the checkpoint signs is a state the store really had.
    return this.client.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const [last] = await tx.query<{ last: string }>('SELECT coalesce(max(global_position), 0)::text AS last FROM events');
      const upTo = BigInt(last!.last);
      const absent: SequenceRange[] = [];
      // Numbers absent at the last checkpoint may have arrived since (a transaction that
      // was still open then); numbers after it are looked at for the first time.
      for (const [from, to] of previous?.absent ?? []) absent.push(...missingIn(from, to, await storedIn(tx, from, to)));
      const start = previous === undefined ? 1n : previous.upTo + 1n;
      for (let from = start; from <= upTo; from += SCAN_STEP) {
        const to = from + SCAN_STEP - 1n < upTo ? from + SCAN_STEP - 1n : upTo;
        absent.push(...missingIn(from, to, await storedIn(tx, from, to)));
      }
      const heads = (await tx.query<HeadRow>('SELECT stream_id, last_revision::text AS last_revision, last_hash FROM streams ORDER BY stream_id')).map(toHead);
      return { upTo, absent: mergeRanges(absent), heads };
    });
  }
}

const SCAN_STEP = 100_000n;

interface HeadRow {
  stream_id: string;
  last_revision: string;
  last_hash: string | null;
}

function toHead(row: HeadRow): RecordedHead {
  return { streamId: row.stream_id, lastRevision: Number(row.last_revision), lastHash: row.last_hash };
}

function toAudited(row: AuditRow): AuditedEvent {
  return { event: toRecordedEvent(row), sequence: BigInt(row.prepare_position), storedRecordedAt: row.stored_recorded_at };
}

async function storedIn(client: SqlQueryable, from: bigint, to: bigint): Promise<bigint[]> {
  const rows = await client.query<{ p: string }>(
    'SELECT global_position::text AS p FROM events WHERE global_position BETWEEN $1::text::bigint AND $2::text::bigint ORDER BY global_position',
    [String(from), String(to)],
  );
  return rows.map((row) => BigInt(row.p));
}

/** The ranges of `from..to` not in `stored` (ascending). */
export function missingIn(from: bigint, to: bigint, stored: readonly bigint[]): SequenceRange[] {
  const missing: SequenceRange[] = [];
  let next = from;
  for (const sequence of stored) {
    if (sequence > next) missing.push([next, sequence - 1n]);
    next = sequence + 1n;
  }
  if (next <= to) missing.push([next, to]);
  return missing;
}

function mergeRanges(ranges: SequenceRange[]): SequenceRange[] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1n) last[1] = to > last[1] ? to : last[1];
    else merged.push([from, to]);
  }
  return merged;
}
