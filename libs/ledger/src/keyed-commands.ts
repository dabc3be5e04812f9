import { createHash } from 'node:crypto';
import { DomainError } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { CommandMetadata } from './command-metadata.js';

/**
 * The role a stream plays in one command: part of the ids of a keyed command's events, so
 * that each step of a multi-stream command has ids of its own and a retry (or the process
 * manager completing a crashed command) computes the same ones (docs/adr/0016).
 */
export type CommandStep =
  | 'project'
  | 'envelope'
  | 'envelope-compensation'
  | 'prima-claim'
  | 'prima-release'
  | 'contribution'
  | 'code-list';

/**
 * How many of a step's ids are looked for: more than any command decides in one stream
 * (two today: a PRIMA change and its draft amendment). Ids beyond are never looked for.
 */
export const MAX_EVENTS_PER_STEP = 8;

/**
 * The id of the `index`-th event a keyed command writes at `step`: a UUID (version 8,
 * RFC 9562) made of sha256(actor, key, step, index). Keys are the actor's own: two actors
 * using one key never collide. The store refuses an id twice, which is what makes a retry
 * of an append that did take effect a no-op, whatever failed after it.
 */
export function commandEventId(actorId: string, key: string, step: CommandStep | `id:${string}`, index: number): string {
  const hash = createHash('sha256').update(`${actorId}\n${key}\n${step}\n${index}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ids a keyed command's events at `step` have (or will have), in order; [] without a key. */
export function commandEventIds(metadata: CommandMetadata, step: CommandStep, count = MAX_EVENTS_PER_STEP): string[] {
  const key = metadata.idempotencyKey;
  if (key === undefined) return [];
  return Array.from({ length: count }, (_, index) => commandEventId(metadata.actor.id, key, step, index));
}

/** The step of a stream written without a named one: its kind (`project-…` → `project`). */
export function defaultStepOf(streamId: string): CommandStep {
  for (const step of ['project', 'envelope', 'contribution', 'code-list'] as const) {
    if (streamId.startsWith(`${step}-`)) return step;
  }
  if (streamId.startsWith('prima-id-')) return 'prima-claim';
  throw new Error(`no command step for stream ${streamId}: name one (CommandMetadata.step)`);
}

/**
 * Judges events found under the command's key: the same request (its fingerprint) may be
 * answered from them; another request with the same key is refused, whatever it asks.
 */
export function assertSameRequest(found: readonly RecordedEvent[], metadata: CommandMetadata): void {
  const recordedFingerprint = found[0]?.metadata.requestFingerprint;
  if (recordedFingerprint !== metadata.requestFingerprint) throw keyReused();
}

export function keyReused(): DomainError {
  return new DomainError('idempotency.key-reused', 'this Idempotency-Key was already used for a different request', 'invalid');
}

/** The command's first step was undone by the process manager: the key cannot finish it any more. */
export function keyCompensated(): DomainError {
  return new DomainError(
    'idempotency.compensated',
    'the command sent with this Idempotency-Key was abandoned after a failure and its first step undone; send it again with a new key',
    'conflict',
  );
}
