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
import { assertSameRequest, commandEventIds, defaultStepOf, keyReused } from './keyed-commands.js';

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
  /**
   * True when a keyed command found its own events from an earlier request with the same
   * key and answered from them instead of deciding again (docs/adr/0016).
   */
  replayed?: boolean;
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

export interface RepositoryOptions {
  /** Told after every successful append (e.g. to wake in-process projections). */
  afterAppend?: () => void;
  /** How many streams' folded states to keep in memory (0: none). Default 10,000. */
  cachedStreams?: number;
}

/**
 * How events are recorded when the writer chooses their ids: a repeated step then writes
 * nothing twice (the store refuses an id it already holds), and `metadata` is added to
 * every event's (e.g. which workflow a repair belongs to).
 */
export interface Recording {
  ids?: readonly string[];
  metadata?: Record<string, unknown>;
}

/**
 * Loads an aggregate by folding its stream, asks its decider, appends what it decided with
 * the exact revision it was decided on. Losing a race to another writer means the decision
 * was made on stale state: it is made again on the fresh state (bounded), so every rule is
 * always checked against what is really recorded.
 *
 * Folded states are kept in memory (StreamStates), so that a command neither reads nor
 * folds a whole stream again — an envelope's stream grows with every approval of its year.
 * The cache is never trusted for a rule: a command decided on a remembered state is
 * appended with that state's revision, so if another process wrote meanwhile the append
 * fails and the command is decided again on what is recorded. A refusal, or a decision to
 * record nothing, is only given after checking that the stream has not moved.
 */
export class EventSourcedRepository {
  private readonly afterAppend: () => void;
  private readonly states: StreamStates;

  constructor(
    private readonly store: EventStore,
    options: RepositoryOptions = {},
  ) {
    this.afterAppend = options.afterAppend ?? (() => undefined);
    this.states = new StreamStates(options.cachedStreams ?? 10_000);
  }

  /**
   * The stream as recorded now: the remembered state plus whatever was appended after it
   * (usually nothing: one short read). With `until`, only the events recorded at or before
   * that instant, folded from the start; with `throughRevision`, only revisions 0 to it (an
   * auditor stepping through a stream event by event, where several events share an instant).
   */
  async load<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    options: { until?: string; throughRevision?: number } = {},
  ): Promise<LoadedStream<S>> {
    if (options.until !== undefined || options.throughRevision !== undefined) {
      const events = await this.store.readStream(streamId, {
        ...(options.until === undefined ? {} : { until: options.until }),
        ...(options.throughRevision === undefined ? {} : { maxCount: options.throughRevision + 1 }),
      });
      return foldOnto(decider, noStream(decider), events);
    }
    const remembered = this.states.get<S>(decider, streamId);
    if (remembered) {
      const newer = await this.store.readStream(streamId, { fromRevision: remembered.revision! + 1 });
      if (newer.length === 0) return remembered;
      // The remembered state holds only if the stream goes on from it: the next revision,
      // chained to its last hash. A store restored to another history is folded afresh.
      if (newer[0]!.revision === remembered.revision! + 1 && newer[0]!.metadata.previousHash === remembered.lastHash) {
        const loaded = foldOnto(decider, remembered, newer);
        this.states.remember(decider, streamId, loaded);
        return loaded;
      }
      this.states.forget(streamId);
    }
    const loaded = foldOnto(decider, noStream(decider), await this.store.readStream(streamId));
    this.states.remember(decider, streamId, loaded);
    return loaded;
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
      // A keyed command looks for what it recorded before deciding (again, after a lost race):
      // a retry of a command that took effect is answered from its events, never decided anew.
      const recorded = await this.findRecorded(decider, streamId, metadata);
      if (recorded) return recorded;
      // First on the remembered state, without reading: the append checks it is current.
      const remembered = attempt === 0 ? this.states.get<S>(decider, streamId) : undefined;
      let loaded = remembered ?? (await this.load(decider, streamId));
      if (options.expectedRevision !== undefined && loaded.revision !== options.expectedRevision && remembered) {
        loaded = await this.load(decider, streamId);
      }
      if (options.expectedRevision !== undefined && loaded.revision !== options.expectedRevision) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, loaded.revision ?? 'no_stream');
      }
      let events: E[];
      try {
        events = decider.decide(command, loaded.state);
      } catch (refusal) {
        // Refused on a remembered state: refuse only if that is still what is recorded.
        if (remembered && (await this.load(decider, streamId)).revision !== loaded.revision) continue;
        // The same keyed request on another instance may have landed between the look above
        // and the load: its events are what refuse this one (a transaction id taken, an
        // envelope open). Answer from them, as a retry would be.
        const landed = await this.findRecorded(decider, streamId, metadata);
        if (landed) return landed;
        throw refusal;
      }
      if (events.length === 0) {
        if (remembered && (await this.load(decider, streamId)).revision !== loaded.revision) continue;
        const landed = await this.findRecorded(decider, streamId, metadata);
        if (landed) return landed;
        return { events, appended: undefined, state: loaded.state, revision: loaded.revision };
      }
      try {
        const appended = await this.append(streamId, events, loaded, metadata, decider);
        return { events, appended, state: appended.state!, revision: appended.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // A stale remembered state is not a lost race: decide again (on it, caught up) without using a retry.
        if (remembered && options.expectedRevision === undefined) continue;
        if (attempt >= retries) throw error;
      }
    }
  }

  /**
   * The outcome a keyed command had when it was recorded in this stream before, at its step
   * (`metadata.step`, default the stream's kind): its events, the state folded up to its
   * last one, that revision and position. Undefined without a key or when nothing is found;
   * the same key found with another request's fingerprint is refused (422).
   */
  async findRecorded<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    metadata: CommandMetadata,
  ): Promise<Decided<E, S> | undefined> {
    const found = await this.findStep(streamId, metadata);
    const last = found.at(-1);
    if (!last) return undefined;
    const remembered = this.states.get<S>(decider, streamId);
    const loaded =
      remembered?.revision === last.revision
        ? remembered
        : foldOnto(decider, noStream(decider), await this.store.readStream(streamId, { toRevision: last.revision }));
    return {
      events: found.map((event) => ({ type: event.type, data: event.data }) as E),
      appended: { nextExpectedRevision: last.revision, position: last.position },
      state: loaded.state,
      revision: last.revision,
      replayed: true,
    };
  }

  /** The events a keyed command wrote in this stream at its step ([] without a key or when none). */
  async findStep(streamId: string, metadata: CommandMetadata): Promise<RecordedEvent[]> {
    const ids = commandEventIds(metadata, metadata.step ?? defaultStepOf(streamId));
    if (ids.length === 0) return [];
    const found = await this.store.readEventsById(streamId, ids);
    if (found.length > 0) assertSameRequest(found, metadata);
    return found;
  }

  /**
   * The event of this stream that says it compensates one of `eventIds` (its
   * `metadata.compensates`), if any: how a keyed retry learns that the process manager
   * abandoned its command after the first step (docs/adr/0016). Read only in that case.
   */
  async findCompensation(streamId: string, eventIds: readonly string[]): Promise<RecordedEvent | undefined> {
    if (eventIds.length === 0) return undefined;
    const wanted = new Set(eventIds);
    const events = await this.store.readStream(streamId, { direction: 'backwards' });
    return events.find((event) => typeof event.metadata.compensates === 'string' && wanted.has(event.metadata.compensates));
  }

  /**
   * Appends decided events right after `after` (a loaded stream), chaining their hashes.
   * With the stream's decider, the state after them is returned and remembered.
   */
  async append<C, E extends DomainEvent, S>(
    streamId: string,
    events: readonly E[],
    after: Pick<LoadedStream<S>, 'revision' | 'lastHash'> & { state?: S },
    metadata: CommandMetadata,
    decider?: Decider<C, E, S>,
    recording: Recording = {},
  ): Promise<AppendResult & { lastHash: string; state: S | undefined }> {
    const expected: ExpectedRevision = after.revision === undefined ? 'no_stream' : after.revision;
    let previousHash = after.lastHash;
    let revision = after.revision === undefined ? 0 : after.revision + 1;
    const keyedIds = commandEventIds(metadata, metadata.step ?? defaultStepOf(streamId), events.length);
    const toAppend = events.map((event, index): EventToAppend => {
      const recorded: EventToAppend = {
        id: recording.ids?.[index] ?? keyedIds[index] ?? randomUUID(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { ...eventMetadata(metadata, previousHash), ...recording.metadata },
      };
      recorded.metadata.hash = eventHash(streamId, revision, recorded);
      previousHash = recorded.metadata.hash;
      revision += 1;
      return recorded;
    });
    // Losing the race leaves the remembered state as it was: still a true fold of the
    // stream up to its revision (events are never changed), so the next load reads only
    // what was appended after it. Folding the whole stream again on every lost race is what
    // an envelope, written by every approval of its year, cannot afford.
    let result: AppendResult;
    try {
      result = await this.store.append(streamId, toAppend, expected);
    } catch (error) {
      // A stream now shorter than what was remembered (a store restored from a backup) is
      // not a race: the remembered state is of another history, fold it afresh.
      if (error instanceof WrongExpectedRevisionError && after.revision !== undefined && (error.actual === 'no_stream' || error.actual < after.revision)) {
        this.states.forget(streamId);
      }
      // Refused although the stream is where it was expected: the ids are taken. Found in
      // this stream, a request with the same key got there first (the caller looks again);
      // otherwise the key was used for a command on another stream.
      if (keyedIds.length > 0 && error instanceof WrongExpectedRevisionError && error.actual === (after.revision ?? 'no_stream')) {
        if ((await this.findStep(streamId, metadata)).length === 0) throw keyReused();
      }
      throw error;
    }
    this.afterAppend();
    let state = after.state;
    if (decider && state !== undefined) {
      state = events.reduce<S>((s, e) => decider.evolve(s, e), state);
      this.states.remember(decider, streamId, { state, revision: result.nextExpectedRevision, lastHash: previousHash });
    }
    return { ...result, lastHash: previousHash, state };
  }
}

/** A stream with no events yet: where every fold from the start begins. */
function noStream<C, E extends DomainEvent, S>(decider: Decider<C, E, S>): LoadedStream<S> {
  return { state: decider.initialState(), revision: undefined, lastHash: '' };
}

function foldOnto<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  start: LoadedStream<S>,
  events: readonly RecordedEvent[],
): LoadedStream<S> {
  const last = events.at(-1);
  if (!last) return start;
  const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), start.state);
  return { state, revision: last.revision, lastHash: last.metadata.hash ?? '' };
}

/**
 * The folded states of the streams used last (least recently used dropped first). A state
 * is only ever replaced by a later revision of itself, so a slow command finishing after a
 * faster one cannot put an older state back. States are immutable values (the deciders
 * build new objects in evolve), so handing one to several commands at once is safe.
 */
class StreamStates {
  private readonly entries = new Map<string, { decider: object } & LoadedStream<unknown>>();

  constructor(private readonly capacity: number) {}

  get<S>(decider: object, streamId: string): LoadedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    // A stream is folded by one decider; another one's state is no use (and not its type).
    if (!entry || entry.decider !== decider) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as LoadedStream<S>;
  }

  remember<S>(decider: object, streamId: string, loaded: LoadedStream<S>): void {
    if (this.capacity === 0 || loaded.revision === undefined) return;
    const known = this.entries.get(streamId);
    if (known && known.decider === decider && known.revision !== undefined && known.revision >= loaded.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, { decider, ...loaded });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
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
    ...(command.idempotencyKey === undefined || command.requestFingerprint === undefined ? {} : { requestFingerprint: command.requestFingerprint }),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    previousHash,
    hash: '',
  };
}
