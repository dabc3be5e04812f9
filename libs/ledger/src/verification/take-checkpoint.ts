import type { KeyObject } from 'node:crypto';
import type { StoreAudit } from '#event-store';
import { countIn, rangesOf, signCheckpoint, type Checkpoint } from './checkpoint.js';
import { HeadDigests } from './head-digest.js';
import { formatRanges } from './sequence-ranges.js';

/**
 * Signs what the store holds now (docs/adr/0022). With the previous checkpoint, only the
 * positions after it and those it saw absent are looked at again, so an hourly checkpoint
 * costs the events of the hour and one read of the stream heads.
 */
export async function takeCheckpoint(audit: StoreAudit, privateKey: KeyObject, previous: Checkpoint | undefined, now: Date): Promise<Checkpoint> {
  const state = await audit.checkpointState(previous === undefined ? undefined : { upTo: BigInt(previous.upTo), absent: rangesOf(previous) });
  const digests = new HeadDigests();
  for (const head of state.heads) {
    if (head.lastRevision >= 0 && head.lastHash !== null) digests.add(head.streamId, head.lastHash);
  }
  return signCheckpoint(
    {
      signedAt: now.toISOString(),
      upTo: String(state.upTo),
      events: String(state.upTo - countIn(state.absent)),
      absent: formatRanges(state.absent),
      heads: digests.summary(),
    },
    privateKey,
  );
}
