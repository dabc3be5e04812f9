import { CLIENT_ID_RULE } from '../../shared/client-id.js';
import { DomainError } from '../../shared/domain-error.js';
import type { PendingBudgetRevision, PendingNoCostExtension, Project } from '../state.js';
import { invalid, isLocalId } from './command-context.js';

export type ChangeRequestKind = 'budget revision' | 'no-cost extension';
type Kind = ChangeRequestKind;

function pendingOf(project: Project, kind: Kind): PendingBudgetRevision | PendingNoCostExtension | undefined {
  return kind === 'budget revision' ? project.pendingBudgetRevision : project.pendingNoCostExtension;
}

/**
 * A new change request: one pending request of each kind at a time (the second would be
 * decided against a budget or end date the first may change), and a request id is never
 * reused, so a retried request is refused instead of recorded twice.
 */
export function assertNewRequest(project: Project, kind: Kind, requestId: unknown): void {
  if (!isLocalId(requestId)) {
    throw invalid('request.invalid', [{ field: 'requestId', message: CLIENT_ID_RULE }]);
  }
  assertNonePending(project, kind);
  const used = [
    ...project.decidedRequestIds,
    project.pendingBudgetRevision?.requestId,
    project.pendingNoCostExtension?.requestId,
  ];
  if (used.includes(requestId)) {
    throw new DomainError('request.duplicate', `a request with id ${requestId} was already made`, 'conflict');
  }
}

/** One pending request of each kind at a time. */
export function assertNonePending(project: Project, kind: Kind): void {
  const pending = pendingOf(project, kind);
  if (pending) {
    throw new DomainError('request.already-pending', `the ${kind} ${pending.requestId} is still pending`, 'conflict');
  }
}

/**
 * Completion ends implementation, after which no change request can be decided any more:
 * a pending one must be approved or rejected first rather than left hanging forever.
 */
export function assertNoRequestPending(project: Project): void {
  const pending = [project.pendingBudgetRevision, project.pendingNoCostExtension].filter((request) => request !== undefined);
  if (pending.length > 0) {
    throw new DomainError(
      'request.pending',
      `decide the pending request ${pending.map((request) => request.requestId).join(', ')} before completing the project`,
      'conflict',
    );
  }
}

/** The pending request a decision names. */
export function pendingRequest<Request extends PendingBudgetRevision | PendingNoCostExtension>(
  project: Project,
  kind: Kind,
  requestId: string,
): Request {
  const pending = pendingOf(project, kind);
  if (pending?.requestId === requestId) return pending as Request;
  if (project.decidedRequestIds.includes(requestId)) {
    throw new DomainError('request.already-decided', `the request ${requestId} has already been decided`, 'conflict');
  }
  throw new DomainError('request.not-found', `no pending ${kind} ${requestId}`, 'not-found');
}
