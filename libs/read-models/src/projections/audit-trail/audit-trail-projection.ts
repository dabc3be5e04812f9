import { PersistentRecord, effectiveOnOf } from '#domain';
import { formatPosition, type RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { businessInstantOf, domainEventOf, streamKeyOf } from '../recorded-event.js';
import {
  AUDIT_SUBJECT_KINDS,
  subjectKindOf,
  type AuditSubjectKind,
  type AuditSubjectType,
  type MapKeptApart,
  type SubjectFold,
} from './audit-subjects.js';
import { stateChanges, type FieldChange } from './state-changes.js';

export const AUDIT_ENTRIES = 'audit-entries';
export const AUDIT_SUBJECTS = 'audit-subjects';

/**
 * One recorded event in the trail (collection 'audit-entries', key = event id): who, in which
 * role, when, why, and the fields of its subject it changed. Sort by `feedOrder` (or
 * positionCommit then positionPrepare) for the order of the global feed.
 */
export type AuditEntryDocument = {
  eventId: string;
  streamId: string;
  subjectType: AuditSubjectType;
  /** projectId, `${year}-${line}`, contributionId or the code list's name. */
  subjectId: string;
  type: string;
  revision: number;
  /** "<commit>-<prepare>", exact. */
  position: string;
  positionCommit: number;
  positionPrepare: number;
  /** Both parts zero-padded to 20 digits: sorts as text in feed order. */
  feedOrder: string;
  actorId: string;
  actorRole: string;
  /** The business date the event happened on (ADR 0019); absent from entries written before it (read with auditEntryAtTheEdge). */
  effectiveOn?: string;
  /** The instant it was recorded at. */
  recordedAt: string;
  reason?: string;
  correlationId: string;
  causationId: string;
  changes: FieldChange[];
};

/**
 * The state of a subject as its decider folds it, after the last event the trail applied
 * (collection 'audit-subjects', key = stream id): the "before" of the next entry.
 */
export type AuditSubjectDocument = {
  streamId: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  revision: number;
  lastEventAt: string;
  /** Without its kind's `mapKeptApart` field: each entry of that is an AuditSubjectEntryDocument. */
  state: unknown;
};

/**
 * One entry of a subject's map kept apart (collection 'audit-subjects', key =
 * `<stream id>/<field>/<entry key>`): an envelope's holding of one project. Absent when
 * the map has no such entry.
 */
export type AuditSubjectEntryDocument = {
  streamId: string;
  field: string;
  key: string;
  value: unknown;
};

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  collections: [AUDIT_ENTRIES, AUDIT_SUBJECTS],
  streamPrefixes: AUDIT_SUBJECT_KINDS.map((kind) => kind.prefix),
  // An entry is written once, by its event, and never read back by the trail.
  writeOnlyCollections: [AUDIT_ENTRIES],

  /** The subject's state it reads (and the entry of a map kept apart); the entry it writes is write-only. */
  touches(event: RecordedEvent): DocumentRef[] {
    const subject = subjectOf(event);
    if (subject === undefined) return [];
    const apart = mapEntryRef(event, subject.kind);
    return [subjectRef(event), ...(apart ? [apart] : [])];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    const subject = subjectOf(event);
    if (subject === undefined) return changes;
    const subjectId = refId(subjectRef(event));
    const stored = current.get(subjectId) as AuditSubjectDocument | undefined;
    // The subject has already folded this event: its entry is written, and a second diff would be empty.
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    let before = stored?.state ?? subject.fold.initialState();
    const apart = subject.kind.mapKeptApart;
    if (apart) before = withEntryKeptApart(event, apart, before, current, changes);
    let after = subject.fold.evolve(before, domainEventOf(event));
    const subjectKey = streamKeyOf(event.streamId, subject.kind.prefix);
    const fieldChanges = stateChanges(before, after, subject.kind.mapFields).filter((change) => !isBookkeeping(change.field));
    const entry = entryOf(event, subject.kind.type, subjectKey, fieldChanges);
    if (apart) after = keepEntryApart(event, apart, after, changes);
    const snapshot: AuditSubjectDocument = {
      streamId: event.streamId,
      subjectType: subject.kind.type,
      subjectId: subjectKey,
      revision: event.revision,
      lastEventAt: businessInstantOf(event),
      state: after,
    };
    changes.set(refId(entryRef(event)), entry);
    changes.set(subjectId, snapshot);
    return changes;
  },
};

/**
 * The subject's state with its map kept apart holding just the entry this event touches
 * (from its own document): all the fold needs. A subject document written before its map
 * was kept apart still holds the whole map: its entries are moved to documents of their own
 * now (into `changes`), once.
 */
function withEntryKeptApart(
  event: RecordedEvent,
  apart: MapKeptApart,
  state: unknown,
  current: ReadonlyMap<string, ViewDocument | undefined>,
  changes: Map<string, ViewDocument | null>,
): unknown {
  const { [apart.field]: inline, ...rest } = state as Record<string, unknown>;
  if (inline !== null && typeof inline === 'object' && !(inline instanceof PersistentRecord)) {
    for (const [key, value] of Object.entries(inline)) {
      const ref = mapEntryRefOf(event.streamId, apart, key);
      changes.set(refId(ref), { streamId: event.streamId, field: apart.field, key, value } satisfies AuditSubjectEntryDocument);
    }
  }
  const key = apart.keyOf(domainEventOf(event));
  if (key === undefined) return { ...rest, [apart.field]: PersistentRecord.empty() };
  const id = refId(mapEntryRefOf(event.streamId, apart, key));
  const kept = (changes.get(id) ?? current.get(id)) as AuditSubjectEntryDocument | undefined | null;
  return { ...rest, [apart.field]: kept ? PersistentRecord.of({ [key]: kept.value }) : PersistentRecord.empty() };
}

/** The state to store without its map kept apart; the touched entry written (or deleted) on its own. */
function keepEntryApart(event: RecordedEvent, apart: MapKeptApart, state: unknown, changes: Map<string, ViewDocument | null>): unknown {
  const { [apart.field]: map, ...rest } = state as Record<string, unknown>;
  const key = apart.keyOf(domainEventOf(event));
  if (key !== undefined) {
    const value = map instanceof PersistentRecord ? map.get(key) : undefined;
    const ref = mapEntryRefOf(event.streamId, apart, key);
    changes.set(refId(ref), value === undefined ? null : ({ streamId: event.streamId, field: apart.field, key, value } satisfies AuditSubjectEntryDocument));
  }
  return rest;
}

function entryOf(event: RecordedEvent, subjectType: AuditSubjectType, subjectId: string, changes: FieldChange[]): AuditEntryDocument {
  const { commit, prepare } = event.position;
  const { actorId, actorRole, recordedAt, correlationId, causationId } = event.metadata;
  const reason = event.metadata.reason ?? (typeof event.data['reason'] === 'string' ? event.data['reason'] : undefined);
  return {
    eventId: event.id,
    streamId: event.streamId,
    subjectType,
    subjectId,
    type: event.type,
    revision: event.revision,
    position: formatPosition(event.position),
    positionCommit: Number(commit),
    positionPrepare: Number(prepare),
    feedOrder: `${commit.toString().padStart(20, '0')}-${prepare.toString().padStart(20, '0')}`,
    actorId,
    actorRole,
    effectiveOn: effectiveOnOf(event.data),
    recordedAt,
    ...(reason === undefined ? {} : { reason }),
    correlationId,
    causationId,
    changes,
  };
}

/**
 * The latest step a fold keeps to check the next command's business date changes with every
 * event; the entry already says its type and date, so it is no change worth showing.
 */
function isBookkeeping(field: string): boolean {
  return field === 'latestStep' || field.startsWith('latestStep.');
}

/** The subject's kind and fold, when the trail knows both the stream and the event type. */
function subjectOf(event: RecordedEvent): { kind: AuditSubjectKind; fold: SubjectFold } | undefined {
  const kind = subjectKindOf(event.streamId);
  if (kind === undefined || !kind.knows(event.type)) return undefined;
  const fold = kind.foldFor(streamKeyOf(event.streamId, kind.prefix));
  return fold === undefined ? undefined : { kind, fold };
}

function entryRef(event: RecordedEvent): DocumentRef {
  return { collection: AUDIT_ENTRIES, key: event.id };
}

function subjectRef(event: RecordedEvent): DocumentRef {
  return { collection: AUDIT_SUBJECTS, key: event.streamId };
}

function mapEntryRef(event: RecordedEvent, kind: AuditSubjectKind): DocumentRef | undefined {
  const key = kind.mapKeptApart?.keyOf(domainEventOf(event));
  return key === undefined ? undefined : mapEntryRefOf(event.streamId, kind.mapKeptApart!, key);
}

function mapEntryRefOf(streamId: string, apart: MapKeptApart, key: string): DocumentRef {
  return { collection: AUDIT_SUBJECTS, key: `${streamId}/${apart.field}/${key}` };
}
