import { isProjectEventType, projectDecider, type ProjectEvent, type ProjectState } from '#domain';
import type { RecordedEvent } from '#event-store';
import { refId, type DocumentRef, type Projection, type ViewDocument } from '../../projection.js';
import { businessInstantOf, domainEventOf, streamKeyOf } from '../recorded-event.js';
import { projectDocumentOf, type ProjectDocument } from './project-document.js';

export const PORTFOLIO = 'portfolio';
export const PROJECTS = 'projects';
const PROJECT_STREAM = 'project-';

/**
 * The portfolio: one document per project (key = project id), folded with the domain's own
 * `evolve` from the project state kept in the document (`_state`), so the view can never
 * disagree with what the deciders see.
 */
export const portfolioProjection: Projection = {
  name: PORTFOLIO,
  collections: [PROJECTS],
  streamPrefixes: [PROJECT_STREAM],

  touches(event: RecordedEvent): DocumentRef[] {
    return isProjectEvent(event) ? [projectRef(event)] : [];
  },

  apply(event, current) {
    const changes = new Map<string, ViewDocument | null>();
    if (!isProjectEvent(event)) return changes;
    const id = refId(projectRef(event));
    const stored = current.get(id) as ProjectDocument | undefined;
    // Each document follows one stream: an event at or before its revision is already in it.
    if (stored !== undefined && stored.revision >= event.revision) return changes;
    const before: ProjectState = stored?._state ?? projectDecider.initialState();
    const after = projectDecider.evolve(before, domainEventOf<ProjectEvent>(event));
    if (after.status === 'none') return changes;
    changes.set(id, projectDocumentOf(after, { at: businessInstantOf(event), revision: event.revision }, stored));
    return changes;
  },
};

function isProjectEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith(PROJECT_STREAM) && isProjectEventType(event.type);
}

function projectRef(event: RecordedEvent): DocumentRef {
  return { collection: PROJECTS, key: streamKeyOf(event.streamId, PROJECT_STREAM) };
}
