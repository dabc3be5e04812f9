import { isWorkflowEventType, pendingEnvelopeRepairs, workflowDecider, type ObservedEvent, type PendingRepair, type WorkflowState } from '#domain';
import { comparePositions, formatPosition, parsePosition, type RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { domainEventOf, streamKeyOf } from '../recorded-event.js';

export const WORKFLOWS = 'workflows';

/**
 * The process manager's memory (collection 'workflows', key: the project id): the workflow
 * decider's state folded from the feed, kept with the projections' checkpoint in one
 * transaction, so after a crash it is exactly what the events up to the checkpoint say
 * (ADR 0017). `open` and `envelopes` let the repairs and the envelope's readers find it.
 */
export type WorkflowDocument = {
  projectId: string;
  state: WorkflowState;
  /** Whether any workflow of the project is unfinished. */
  open: boolean;
  /** `${year}-${line}` of every envelope with a pending repair. */
  envelopes: string[];
  pending: PendingRepair[];
  /** The global position of the last event applied: re-applying an older one changes nothing. */
  position: string;
};

const STREAMS = ['project-', 'envelope-', 'prima-id-'];

export const workflowsProjection: Projection = {
  name: 'workflows',
  collections: [WORKFLOWS],
  streamPrefixes: STREAMS,

  touches(event: RecordedEvent): DocumentRef[] {
    const projectId = projectOf(event);
    return projectId === undefined ? [] : [{ collection: WORKFLOWS, key: projectId }];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    const projectId = projectOf(event);
    if (projectId === undefined) return changes;
    const id = refId({ collection: WORKFLOWS, key: projectId });
    const stored = current.get(id) as WorkflowDocument | undefined;
    if (stored !== undefined && comparePositions(parsePosition(stored.position)!, event.position) >= 0) return changes;
    const compensates = event.metadata['compensates'];
    const observed: ObservedEvent = {
      type: 'Observed',
      data: {
        event: domainEventOf(event),
        projectId,
        id: event.id,
        revision: event.revision,
        recordedAt: event.metadata.recordedAt,
        ...(typeof compensates === 'string' ? { compensates } : {}),
      },
    };
    const state = workflowDecider.evolve(stored?.state ?? workflowDecider.initialState(), observed);
    const pending = pendingEnvelopeRepairs(state);
    const document: WorkflowDocument = {
      projectId,
      state,
      open: state.open.length > 0,
      envelopes: [...new Set(pending.map((p) => `${p.year}-${p.fundingLine}`))],
      pending,
      position: formatPosition(event.position),
    };
    changes.set(id, document);
    return changes;
  },
};

/** The project an event's workflow belongs to; undefined for events no workflow cares about. */
function projectOf(event: RecordedEvent): string | undefined {
  if (!isWorkflowEventType(event.type)) return undefined;
  if (event.streamId.startsWith('project-')) return streamKeyOf(event.streamId, 'project-');
  const projectId = event.data['projectId'];
  return typeof projectId === 'string' ? projectId : undefined;
}
