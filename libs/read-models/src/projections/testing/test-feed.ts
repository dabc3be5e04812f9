import type { CommandContext, Decider } from '#domain';
import type { EventMetadata, RecordedEvent } from '#event-store';

/** A domain event before it is recorded. */
export interface UnrecordedEvent {
  type: string;
  data: object;
}

/** Who, when and why for events written directly (not decided from a command). */
export type RecordingOptions = Partial<Pick<EventMetadata, 'actorId' | 'actorRole' | 'recordedAt' | 'reason'>>;

/**
 * A global feed for projection specs, as a store would record it: each `record` or `decide`
 * is one transaction (one commit, prepares increasing), stream revisions count from 0, ids are
 * deterministic UUIDs and the data goes through JSON. `decide` runs the real domain decider on
 * the stream as recorded so far, so the events are the ones the service would record.
 */
export class TestFeed {
  readonly events: RecordedEvent[] = [];
  private commit = 1_000n;
  private prepare = 0n;

  /** Records the events in one transaction on `streamId`. */
  record(streamId: string, events: readonly UnrecordedEvent[], options: RecordingOptions = {}): RecordedEvent[] {
    this.commit += 1n;
    return events.map((event) => {
      const count = this.events.length;
      this.prepare += 1n;
      const at = (event.data as { at?: unknown }).at;
      const metadata: EventMetadata = {
        actorId: options.actorId ?? 'test-actor',
        actorRole: options.actorRole ?? 'admin',
        recordedAt: options.recordedAt ?? (typeof at === 'string' ? at : '2019-01-01T00:00:00.000Z'),
        correlationId: `correlation-${count}`,
        causationId: `command-${count}`,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
        schemaVersion: 1,
        previousHash: '',
        hash: '',
      };
      const recorded: RecordedEvent = {
        id: `00000000-0000-4000-8000-${String(count + 1).padStart(12, '0')}`,
        streamId,
        revision: this.stream(streamId).length,
        position: { commit: this.commit, prepare: this.prepare },
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
        metadata,
      };
      this.events.push(recorded);
      return recorded;
    });
  }

  /** Decides `command` on the stream as recorded so far and records what the decider decided. */
  decide<Command extends { context: CommandContext; reason?: string }, Event extends UnrecordedEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
  ): RecordedEvent[] {
    const state = this.stream(streamId).reduce(
      (folded, event) => decider.evolve(folded, { type: event.type, data: event.data } as unknown as Event),
      decider.initialState(),
    );
    const decided = decider.decide(command, state);
    const { actor, at } = command.context;
    return this.record(streamId, decided, {
      actorId: actor.id,
      actorRole: actor.role,
      recordedAt: at,
      ...(command.reason === undefined ? {} : { reason: command.reason }),
    });
  }

  /** The events of one stream, in revision order. */
  stream(streamId: string): RecordedEvent[] {
    return this.events.filter((event) => event.streamId === streamId);
  }

  /** The last event recorded. */
  last(): RecordedEvent {
    const event = this.events.at(-1);
    if (event === undefined) throw new Error('nothing recorded yet');
    return event;
  }
}
