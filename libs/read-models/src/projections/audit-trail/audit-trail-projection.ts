import { formatPosition, type RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { businessInstantOf, domainEventOf, streamKeyOf } from '../recorded-event.js';
import { AUDIT_SUBJECT_KINDS, subjectKindOf, type AuditSubjectKind, type AuditSubjectType, type SubjectFold } from './audit-subjects.js';
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
  state: unknown;
};

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  collections: [AUDIT_ENTRIES, AUDIT_SUBJECTS],
  streamPrefixes: AUDIT_SUBJECT_KINDS.map((kind) => kind.prefix),

  touches(event: RecordedEvent): DocumentRef[] {
    if (subjectOf(event) === undefined) return [];
    return [entryRef(event), subjectRef(event)];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    const subject = subjectOf(event);
    if (subject === undefined) return changes;
    const subjectId = refId(subjectRef(event));
    const stored = current.get(subjectId) as AuditSubjectDocument | undefined;
    // The subject has already folded this event: its entry is written, and a second diff would be empty.
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    const before = stored?.state ?? subject.fold.initialState();
    const after = subject.fold.evolve(before, domainEventOf(event));
    const subjectKey = streamKeyOf(event.streamId, subject.kind.prefix);
    const entry = entryOf(event, subject.kind.type, subjectKey, stateChanges(before, after, subject.kind.mapFields));
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
    recordedAt,
    ...(reason === undefined ? {} : { reason }),
    correlationId,
    causationId,
    changes,
  };
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
