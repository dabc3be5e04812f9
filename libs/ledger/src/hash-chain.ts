import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export { canonicalJson };

/**
 * Tamper evidence: every event's `hash` is SHA-256 over the previous event's hash in its
 * stream and the event's own canonical content (stream, revision, id, type, data and
 * metadata without the hash itself). Altering, removing or reordering any recorded event
 * breaks every hash after it, which `verifyChain` reports.
 */
export interface ChainableEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { previousHash: string; hash: string };
}

export function eventHash(streamId: string, revision: number, event: ChainableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const content = canonicalJson({ streamId, revision, id: event.id, type: event.type, data: event.data, metadata });
  return createHash('sha256').update(event.metadata.previousHash).update('\n').update(content).digest('hex');
}

export interface ChainBreak {
  revision: number;
  eventId: string;
  problem: 'previous-hash-mismatch' | 'hash-mismatch' | 'revision-gap';
}

/** Checks a whole stream read forwards from revision 0; returns the first break, if any. */
export function verifyChain(
  streamId: string,
  events: readonly (ChainableEvent & { revision: number })[],
): ChainBreak | undefined {
  let previousHash = '';
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) return { revision: event.revision, eventId: event.id, problem: 'revision-gap' };
    if (event.metadata.previousHash !== previousHash) {
      return { revision: event.revision, eventId: event.id, problem: 'previous-hash-mismatch' };
    }
    if (eventHash(streamId, event.revision, event) !== event.metadata.hash) {
      return { revision: event.revision, eventId: event.id, problem: 'hash-mismatch' };
    }
    previousHash = event.metadata.hash;
  }
  return undefined;
}
