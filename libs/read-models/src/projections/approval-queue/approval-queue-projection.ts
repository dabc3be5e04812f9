import {
  isProjectEventType,
  projectDecider,
  waitingDecisions,
  type Participant,
  type Project,
  type ProjectEvent,
  type ProjectStatus,
  type ReportKind,
  type WaitingDecision,
  type WaitingKind,
  type DecisionAwaited,
  type FourEyesDecision,
  type Coverage,
  type FundingLine,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { domainEventOf, streamKeyOf } from '../recorded-event.js';

export const APPROVAL_QUEUE = 'approval-queue';
/** One document per thing waiting for an approver; the queue's pages. */
export const WAITING_ITEMS = 'waiting-items';
/** One document per project the queue follows: its folded state and the items it has in the queue. */
export const QUEUE_PROJECTS = 'queue-projects';
const PROJECT_STREAM = 'project-';
/** The events a project's stream starts with: drafted here, or imported as it stood. */
const FIRST_EVENTS: ReadonlySet<string> = new Set(['ProjectDrafted', 'ProjectImported']);

/**
 * One thing waiting for an approver (collection 'waiting-items', key
 * `<projectId>/<kind>[/<requestId or reportId>]`). Money in integer cents; instants ISO
 * strings in business time. The caller-dependent part (may the caller act, and if not why)
 * is computed at query time from `decision`, `status` and `participants` by the domain's
 * `commandRefusal`, the very rule the command applies.
 */
export type WaitingItemDocument = {
  projectId: string;
  kind: WaitingKind;
  awaiting: DecisionAwaited;
  decision: FourEyesDecision;
  waitingSince: string;
  title: Record<string, string>;
  status: ProjectStatus;
  year: number;
  fundingLine: FundingLine;
  region: string;
  coverage: Coverage;
  /** The project's budget total, as currently approved or proposed. */
  budget: number;
  requestId?: string;
  reportId?: string;
  reportKind?: ReportKind;
  /** A budget revision's new budget. */
  requestedBudget?: { staffAndOfficeCosts: number; operationalCosts: number; total: number };
  currentEndDate?: string;
  newEndDate?: string;
  reason?: string;
  draftedBy?: string;
  submittedBy?: string;
  endorsedBy?: string;
  requestedBy?: string;
  participants: Participant[];
  /** The stream revision of the last event applied. */
  revision: number;
};

/** What the queue keeps of a project: its state to fold the next event into, and its items' keys. */
type QueueProjectDocument = {
  revision: number;
  itemKeys: string[];
  _state: Project;
};

/**
 * The approval queue: everything that waits for an approver, one document per item, so
 * that the queue pages oldest first across kinds and projects on every read store. Folded
 * with the domain's `evolve`, and the items are the domain's `waitingDecisions`.
 *
 * It follows every project from its first event. An import never puts one in the queue (a
 * proposal still in review is not imported: its decisions were taken before it came in),
 * but what an imported project asks for since — a report, a revision — waits like any other.
 */
export const approvalQueueProjection: Projection = {
  name: APPROVAL_QUEUE,
  collections: [QUEUE_PROJECTS, WAITING_ITEMS],
  streamPrefixes: [PROJECT_STREAM],
  writeOnlyCollections: [WAITING_ITEMS],

  touches(event: RecordedEvent): DocumentRef[] {
    return isProjectEvent(event) ? [projectRef(event)] : [];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    if (!isProjectEvent(event)) return changes;
    const id = refId(projectRef(event));
    const stored = current.get(id) as QueueProjectDocument | undefined;
    if (stored === undefined && !FIRST_EVENTS.has(event.type)) return changes;
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    const before = stored?._state ?? projectDecider.initialState();
    const after = projectDecider.evolve(before, domainEventOf<ProjectEvent>(event));
    if (after.status === 'none') return changes;
    const items = waitingDecisions(after).map((waiting) => itemDocumentOf(after, waiting, event.revision));
    const keys = items.map(itemKeyOf);
    for (const key of stored?.itemKeys ?? []) {
      if (!keys.includes(key)) changes.set(refId({ collection: WAITING_ITEMS, key }), null);
    }
    for (const item of items) changes.set(refId({ collection: WAITING_ITEMS, key: itemKeyOf(item) }), item);
    const project: QueueProjectDocument = { revision: event.revision, itemKeys: keys, _state: after };
    changes.set(id, project);
    return changes;
  },
};

function itemDocumentOf(project: Project, waiting: WaitingDecision, revision: number): WaitingItemDocument {
  const { kind, awaiting, decision, since, participants, budget, ...rest } = waiting;
  return {
    projectId: project.projectId,
    kind,
    awaiting,
    decision,
    waitingSince: since,
    title: project.title,
    status: project.status,
    year: project.year,
    fundingLine: project.fundingLine,
    region: project.region,
    coverage: project.coverage,
    budget: project.budgetTotal,
    ...(budget === undefined ? {} : { requestedBudget: budget }),
    ...rest,
    participants,
    revision,
  };
}

function itemKeyOf(item: WaitingItemDocument): string {
  const subject = item.requestId ?? item.reportId;
  return subject === undefined ? `${item.projectId}/${item.kind}` : `${item.projectId}/${item.kind}/${subject}`;
}

function isProjectEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith(PROJECT_STREAM) && isProjectEventType(event.type);
}

function projectRef(event: RecordedEvent): DocumentRef {
  return { collection: QUEUE_PROJECTS, key: streamKeyOf(event.streamId, PROJECT_STREAM) };
}
