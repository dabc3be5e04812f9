import type { Actor, CommandContext } from '#domain';

/**
 * What the application knows about a command besides its data, and writes into the
 * metadata of every event the command records.
 */
export interface CommandMetadata {
  actor: Actor;
  /** ISO 8601 UTC instant the command is handled at. */
  at: string;
  /** Shared by everything one user action caused (across streams and requests). */
  correlationId: string;
  /** The id of the command (or event) that directly caused these events. */
  causationId: string;
  reason?: string;
  idempotencyKey?: string;
}

/** The part of the metadata the domain sees: who and when, and why where given. */
export function commandContextOf(metadata: CommandMetadata): { context: CommandContext; reason?: string } {
  return {
    context: { actor: metadata.actor, at: metadata.at },
    ...(metadata.reason === undefined ? {} : { reason: metadata.reason }),
  };
}
