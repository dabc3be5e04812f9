import { randomUUID } from 'node:crypto';
import type { Decider } from '#domain';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '#event-store';
import type { CommandMetadata } from './command-metadata.js';
import { eventHash } from './hash-chain.js';

/** The shape every domain event has. */
export interface DomainEvent {
  type: string;
  data: object;
}

/** Every event type is at schema version 1 until an upcaster introduces version 2. */
export const CURRENT_SCHEMA_VERSION = 1;

export interface LoadedStream<State> {
  state: State;
  /** Revision of the last event, or undefined when the stream does not exist. */
  revision: number | undefined;
  lastHash: string;
  events: RecordedEvent[];
}

export interface Decided<Event, State> {
  /** The events decided (empty when the command changed nothing). */
  events: Event[];
  /** Where they were written; undefined when nothing was written. */
  appended: AppendResult | undefined;
  /** The stream's state after the command. */
  state: State;
  /** The stream's revision after the command (undefined only if it still does not exist). */
  revision: number | undefined;
}

export interface HandleOptions {
  /**
   * The revision the caller saw (HTTP If-Match). When given, a concurrent write makes the
   * command fail with WrongExpectedRevisionError instead of being decided again.
   */
  expectedRevision?: number;
  /** How often to decide again on fresh state after losing a race. */
  retriesOnConflict?: number;
}

/**
 * Loads an aggregate by folding its stream, asks its decider, appends what it decided with
 * the exact revision it was decided on. Losing a race to another writer means the decision
 * was made on stale state: it is made again on the fresh state (bounded), so every rule is
 * always checked against what is really recorded.
 */
export class EventSourcedRepository {
  constructor(
    private readonly store: EventStore,
    /** Told after every successful append (e.g. to wake in-process projections). */
    private readonly afterAppend: () => void = () => undefined,
  ) {}

  /** Folds the stream; with `until`, only the events recorded at or before that instant. */
  async load<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    options: { until?: string } = {},
  ): Promise<LoadedStream<S>> {
    const events = await this.store.readStream(streamId, options.until === undefined ? {} : { until: options.until });
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    const last = events.at(-1);
    return { state, revision: last?.revision, lastHash: last?.metadata.hash ?? '', events };
  }

  async handle<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    metadata: CommandMetadata,
    options: HandleOptions = {},
  ): Promise<Decided<E, S>> {
    const retries = options.expectedRevision === undefined ? (options.retriesOnConflict ?? 5) : 0;
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.load(decider, streamId);
      if (options.expectedRevision !== undefined && loaded.revision !== options.expectedRevision) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, loaded.revision ?? 'no_stream');
      }
      const events = decider.decide(command, loaded.state);
      if (events.length === 0) {
        return { events, appended: undefined, state: loaded.state, revision: loaded.revision };
      }
      try {
        const appended = await this.append(streamId, events, loaded, metadata);
        const state = events.reduce((s, e) => decider.evolve(s, e), loaded.state);
        return { events, appended, state, revision: appended.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
      }
    }
  }

  /** Appends decided events right after `after` (a loaded stream), chaining their hashes. */
  async append(
    streamId: string,
    events: readonly DomainEvent[],
    after: Pick<LoadedStream<unknown>, 'revision' | 'lastHash'>,
    metadata: CommandMetadata,
  ): Promise<AppendResult & { lastHash: string }> {
    const expected: ExpectedRevision = after.revision === undefined ? 'no_stream' : after.revision;
    let previousHash = after.lastHash;
    let revision = after.revision === undefined ? 0 : after.revision + 1;
    const toAppend = events.map((event): EventToAppend => {
      const recorded: EventToAppend = {
        id: randomUUID(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: eventMetadata(metadata, previousHash),
      };
      recorded.metadata.hash = eventHash(streamId, revision, recorded);
      previousHash = recorded.metadata.hash;
      revision += 1;
      return recorded;
    });
    const result = await this.store.append(streamId, toAppend, expected);
    this.afterAppend();
    return { ...result, lastHash: previousHash };
  }
}

function eventMetadata(command: CommandMetadata, previousHash: string): EventMetadata {
  return {
    actorId: command.actor.id,
    actorRole: command.actor.role,
    recordedAt: command.at,
    correlationId: command.correlationId,
    causationId: command.causationId,
    ...(command.reason === undefined ? {} : { reason: command.reason }),
    ...(command.idempotencyKey === undefined ? {} : { idempotencyKey: command.idempotencyKey }),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    previousHash,
    hash: '',
  };
}
