import type { Actor, CommandContext } from '#domain';
import type { CommandStep } from './keyed-commands.js';

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
  /** The business date the sender gave (YYYY-MM-DD, unchecked here: the domain checks it); absent: today. */
  effectiveOn?: string;
  /** The fund's date at `at` (FundCalendar); absent: the domain takes the UTC date of `at`. */
  today?: string;
  /** With a key, the events get ids of their own (keyed-commands.ts) and a retry finds them. */
  idempotencyKey?: string;
  /** What identifies the request under its key (method, path, If-Match, body), kept with the events. */
  requestFingerprint?: string;
  /** The role of the stream being written in the command; default: the stream's kind. */
  step?: CommandStep;
}

/** The part of the metadata the domain sees: who, when (instant, today, business date), and why where given. */
export function commandContextOf(metadata: CommandMetadata): { context: CommandContext; reason?: string } {
  return {
    context: {
      actor: metadata.actor,
      at: metadata.at,
      ...(metadata.today === undefined ? {} : { today: metadata.today }),
      ...(metadata.effectiveOn === undefined ? {} : { effectiveOn: metadata.effectiveOn }),
    },
    ...(metadata.reason === undefined ? {} : { reason: metadata.reason }),
  };
}
