/**
 * A place in the global feed of all events. The feed is ordered by (commit, prepare):
 *
 * - SQL stores: `commit` is the writing transaction's id (`pg_current_xact_id()`),
 *   `prepare` the event's sequence number. Ordering by transaction first is what lets a
 *   reader never skip an event (see docs/adr/0003-global-feed-without-gaps.md).
 * - EventStoreDB: its own commit and prepare positions.
 *
 * Positions are compared as a pair; their string form is `"<commit>-<prepare>"`.
 */
export interface GlobalPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event of the feed. */
export const START: GlobalPosition = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(position: GlobalPosition): string {
  return `${position.commit}-${position.prepare}`;
}

const POSITION = /^(-1|\d{1,20})-(-1|\d{1,20})$/;

/** Parses `"<commit>-<prepare>"`; returns undefined for anything else. */
export function parsePosition(value: string): GlobalPosition | undefined {
  const match = POSITION.exec(value);
  if (!match) return undefined;
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
