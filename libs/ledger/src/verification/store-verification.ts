import type { AuditedEvent, SequenceRange, StoreAudit } from '#event-store';
import { eventHash } from '../hash-chain.js';
import { inRanges, rangesOf, type Checkpoint } from './checkpoint.js';
import { HeadDigests } from './head-digest.js';
import { formatRanges, rangesUpTo, subtractRanges, unionOfRanges } from './sequence-ranges.js';
import type { CheckpointReference, StoreBreak, StoreBreakKind, StoreVerification, VerificationProgress } from './verification-report.js';

export type { CheckpointReference, StoreBreak, StoreBreakKind, StoreVerification, VerificationProgress } from './verification-report.js';

/**
 * Verification of a whole store (issue 18, docs/adr/0022): every stream's hash chain, the
 * `recorded_at` that as-of reads use against the instant the hash covers, the sequence of
 * global positions without a hole, every stream's recorded head against its last event —
 * and, given signed checkpoints, the store against what each of them signed. Every break
 * is reported (through `onBreak`, as it is found), not only the first; a chain is followed
 * from each event as stored, so one altered event is one break, not one per later event.
 *
 * Memory grows with the streams (their last revision and hash), not with the events.
 */
export interface NamedCheckpoint {
  name: string;
  checkpoint: Checkpoint;
}

export interface VerifyStoreOptions {
  /** Checkpoints whose signatures were checked, and those that could not be (each a break). */
  anchors?: { checkpoints: readonly NamedCheckpoint[]; rejected: readonly { name: string; reason: string }[] };
  onBreak?: (found: StoreBreak) => void;
  onProgress?: (progress: VerificationProgress) => void;
  /** Events read per page (default 2,000). */
  pageSize?: number;
}

interface StreamHead {
  revision: number;
  hash: string;
}

interface PendingCheckpoint extends NamedCheckpoint {
  upTo: bigint;
  absent: SequenceRange[];
  /** Streams whose events were absent when it was signed (still open): their head then. */
  lateHeads: Map<string, { revision: number; previousHash: string }>;
}

export async function verifyStore(audit: StoreAudit, options: VerifyStoreOptions = {}): Promise<StoreVerification> {
  const pageSize = options.pageSize ?? 2_000;
  const byKind: Partial<Record<StoreBreakKind, number>> = {};
  let breakCount = 0;
  const report = (found: StoreBreak) => {
    breakCount++;
    byKind[found.kind] = (byKind[found.kind] ?? 0) + 1;
    options.onBreak?.(found);
  };
  for (const { name, reason } of options.anchors?.rejected ?? []) report({ kind: 'checkpoint-unverifiable', checkpoint: name, reason });

  const checkpoints: PendingCheckpoint[] = [...(options.anchors?.checkpoints ?? [])]
    .map((named) => ({ ...named, upTo: BigInt(named.checkpoint.upTo), absent: rangesOf(named.checkpoint), lateHeads: new Map() }))
    .sort((a, b) => (a.upTo < b.upTo ? -1 : a.upTo > b.upTo ? 1 : 0));
  const absentAnywhere = unionOfRanges(checkpoints.map((c) => c.absent));

  const heads = new Map<string, StreamHead>();
  // The digests as of the last checkpoint passed, and the streams changed since (with their
  // head hash then): a checkpoint costs the streams that changed, not every stream.
  const digests = new HeadDigests();
  const changed = new Map<string, string | null>();
  let nextCheckpoint = 0;
  let events = 0;

  const applyChain = (audited: AuditedEvent) => {
    const { event, sequence } = audited;
    const head = heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    const place = { streamId: event.streamId, revision: event.revision, eventId: event.id, position: String(sequence) };
    if (event.revision !== expectedRevision) {
      report({ kind: 'chain-broken', problem: 'revision-gap', ...place, expectedRevision });
    } else if (event.metadata.previousHash !== (head?.hash ?? '')) {
      report({ kind: 'chain-broken', problem: 'previous-hash-mismatch', ...place });
    }
    if (eventHash(event.streamId, event.revision, event) !== event.metadata.hash) {
      report({ kind: 'chain-broken', problem: 'hash-mismatch', ...place });
    }
    if (!sameInstant(audited.storedRecordedAt, event.metadata.recordedAt)) {
      report({ kind: 'recorded-at-rewritten', ...place, stored: audited.storedRecordedAt, hashed: event.metadata.recordedAt });
    }
    if (!changed.has(event.streamId)) changed.set(event.streamId, head?.hash ?? null);
    heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
    events++;
  };

  const passCheckpoint = (pending: PendingCheckpoint) => {
    for (const [streamId, before] of changed) {
      if (before !== null) digests.remove(streamId, before);
      digests.add(streamId, heads.get(streamId)!.hash);
    }
    changed.clear();
    let asSigned = digests;
    if (pending.lateHeads.size > 0) {
      asSigned = digests.copy();
      for (const [streamId, late] of pending.lateHeads) {
        asSigned.remove(streamId, heads.get(streamId)!.hash);
        if (late.revision > 0) asSigned.add(streamId, late.previousHash);
      }
    }
    const found = asSigned.summary();
    const signed = pending.checkpoint.heads;
    const differing = [...new Set([...Object.keys(found), ...Object.keys(signed)])]
      .sort()
      .filter((kind) => found[kind]?.digest !== signed[kind]?.digest || found[kind]?.streams !== signed[kind]?.streams)
      .map((kind) => ({ kind, signed: signed[kind] ?? null, found: found[kind] ?? null }));
    if (differing.length > 0) {
      report({ kind: 'checkpoint-contradicted', checkpoint: referenceTo(pending), problem: 'heads-differ', streamKinds: differing });
    }
  };

  const upTo = await audit.lastSequence();
  const gaps: SequenceRange[] = [];
  let expectedSequence = 1n;
  for (let after = 0n; ; ) {
    const page = await audit.readSequence(after, upTo, pageSize);
    for (const audited of page) {
      while (nextCheckpoint < checkpoints.length && audited.sequence > checkpoints[nextCheckpoint]!.upTo) {
        passCheckpoint(checkpoints[nextCheckpoint++]!);
      }
      if (audited.sequence > expectedSequence) gaps.push([expectedSequence, audited.sequence - 1n]);
      expectedSequence = audited.sequence + 1n;
      if (inRanges(absentAnywhere, audited.sequence)) noteLateEvent(checkpoints, nextCheckpoint, audited, heads.get(audited.event.streamId));
      applyChain(audited);
    }
    if (page.length < pageSize) break;
    after = page.at(-1)!.sequence;
    options.onProgress?.({ phase: 'events', done: String(after), of: String(upTo) });
  }
  while (nextCheckpoint < checkpoints.length) passCheckpoint(checkpoints[nextCheckpoint++]!);
  options.onProgress?.({ phase: 'events', done: String(upTo), of: String(upTo) });

  // A hole seen during the scan may be a transaction that was still open: what is stored
  // now is no hole (its events are verified below, through their streams' heads).
  const holes: SequenceRange[] = [];
  for (const [from, to] of gaps) holes.push(...missingNow(from, to, await audit.storedSequences(from, to)));

  // Heads: each recorded head against the last event of its stream.
  const recorded = new Set<string>();
  let compared = 0;
  for (let afterStreamId: string | undefined; ; ) {
    const page = await audit.readHeads(afterStreamId, pageSize);
    for (const head of page) {
      recorded.add(head.streamId);
      let last = heads.get(head.streamId);
      if (head.lastRevision > (last?.revision ?? -1)) {
        // Appended to since the scan passed it: follow its chain to the recorded head.
        for (const audited of await audit.readStreamAfter(head.streamId, last?.revision ?? -1)) applyChain(audited);
        last = heads.get(head.streamId);
      }
      const lastRevision = last?.revision ?? -1;
      if (head.lastRevision !== lastRevision || (last !== undefined && head.lastHash !== null && head.lastHash !== last.hash)) {
        report({
          kind: 'head-mismatch',
          streamId: head.streamId,
          recorded: { revision: head.lastRevision, hash: head.lastHash },
          lastEvent: last === undefined ? null : { revision: last.revision, hash: last.hash },
        });
      }
    }
    compared += page.length;
    options.onProgress?.({ phase: 'heads', done: String(compared) });
    if (page.length < pageSize) break;
    afterStreamId = page.at(-1)!.streamId;
  }
  for (const [streamId, last] of heads) {
    if (!recorded.has(streamId)) report({ kind: 'head-mismatch', streamId, recorded: null, lastEvent: { revision: last.revision, hash: last.hash } });
  }

  // Positions: a hole no checkpoint saw is a break; a checkpoint that signed a position
  // stored which is missing now is contradicted.
  for (const [from, to] of subtractRanges(holes, absentAnywhere)) report({ kind: 'position-gap', from: String(from), to: String(to) });
  const tail: SequenceRange[] = checkpoints.length > 0 && checkpoints.at(-1)!.upTo > upTo ? [[upTo + 1n, checkpoints.at(-1)!.upTo]] : [];
  const missing = unionOfRanges([holes, tail]);
  for (const pending of checkpoints) {
    const contradicted = subtractRanges(rangesUpTo(missing, pending.upTo), pending.absent);
    if (contradicted.length > 0) {
      report({ kind: 'checkpoint-contradicted', checkpoint: referenceTo(pending), problem: 'events-missing', missing: formatRanges(contradicted) });
    }
  }

  const latest = checkpoints.at(-1);
  return {
    intact: breakCount === 0,
    events,
    streams: heads.size,
    upTo: String(upTo),
    breaks: breakCount,
    breaksByKind: byKind,
    checkpoints: { verified: checkpoints.length, latest: latest ? referenceTo(latest) : null },
    gapsSignedAbsent: formatRanges(subtractRanges(holes, subtractRanges(holes, absentAnywhere))),
  };
}

/**
 * An event found at a position some checkpoint signed as absent was in a transaction still
 * open when that checkpoint was signed: the checkpoint's head for its stream is the one
 * before it (the first such event of the stream counts).
 */
function noteLateEvent(checkpoints: PendingCheckpoint[], from: number, audited: AuditedEvent, headBefore: StreamHead | undefined) {
  for (let i = from; i < checkpoints.length; i++) {
    const pending = checkpoints[i]!;
    if (!inRanges(pending.absent, audited.sequence) || pending.lateHeads.has(audited.event.streamId)) continue;
    pending.lateHeads.set(audited.event.streamId, { revision: audited.event.revision, previousHash: headBefore?.hash ?? audited.event.metadata.previousHash });
  }
}

function referenceTo(pending: PendingCheckpoint): CheckpointReference {
  return { name: pending.name, upTo: pending.checkpoint.upTo, signedAt: pending.checkpoint.signedAt };
}

function missingNow(from: bigint, to: bigint, stored: readonly bigint[]): SequenceRange[] {
  const missing: SequenceRange[] = [];
  let next = from;
  for (const sequence of stored) {
    if (sequence > next) missing.push([next, sequence - 1n]);
    next = sequence + 1n;
  }
  if (next <= to) missing.push([next, to]);
  return missing;
}

/** Whether two ISO 8601 instants are the same to the microsecond (PostgreSQL's precision). */
export function sameInstant(a: string, b: string): boolean {
  const micros = (iso: string) => {
    const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
    const seconds = Date.parse(iso.replace(/\.\d+/, ''));
    return Number.isNaN(seconds) ? undefined : BigInt(seconds) * 1000n + BigInt((fraction + '000000').slice(0, 6));
  };
  const [x, y] = [micros(a), micros(b)];
  return x !== undefined && x === y;
}
