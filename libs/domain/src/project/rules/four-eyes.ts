import { DomainError } from '../../shared/domain-error.js';
import type { PendingBudgetRevision, PendingNoCostExtension, Project, Report } from '../state.js';

/** Someone who already had a hand in what is being decided, e.g. "drafted the project". */
export interface Participant {
  id: string | undefined;
  did: string;
}

/** The decisions rule 6 applies to, with how a refusal names each. */
export const FOUR_EYES_DECISIONS = {
  EndorseProject: 'endorse it',
  ApproveProject: 'approve it',
  ApproveBudgetRevision: 'approve it',
  ApproveNoCostExtension: 'approve it',
  AcceptReport: 'accept it',
} as const;
export type FourEyesDecision = keyof typeof FOUR_EYES_DECISIONS;

export function isFourEyesDecision(command: string): command is FourEyesDecision {
  return Object.hasOwn(FOUR_EYES_DECISIONS, command);
}

/** Those who prepared a proposal, who do not judge it (endorse, approve). */
export function proposalPreparers(project: Project): Participant[] {
  return [
    { id: project.draftedBy, did: 'drafted the project' },
    { id: project.submittedBy, did: 'submitted the project' },
  ];
}

export function revisionRequester(request: PendingBudgetRevision): Participant[] {
  return [{ id: request.requestedBy, did: 'requested this budget revision' }];
}

export function extensionRequester(request: PendingNoCostExtension): Participant[] {
  return [{ id: request.requestedBy, did: 'requested this extension' }];
}

export function reportSubmitter(report: Report): Participant[] {
  return [{ id: report.submittedBy, did: 'submitted this report' }];
}

/**
 * Rule 6, four eyes: nobody decides on what they prepared themselves. Applies to endorsing
 * and approving a project (vs its drafter and submitter), approving a budget revision or a
 * no-cost extension (vs its requester) and accepting a report (vs its submitter).
 * The refusal, or undefined when `actorId` may decide: the commands throw it, the approval
 * queue and the project card show it before anyone tries.
 */
export function fourEyesRefusal(
  actorId: string,
  decision: FourEyesDecision,
  participants: readonly Participant[],
): DomainError | undefined {
  const conflict = participants.find((participant) => participant.id === actorId);
  if (conflict === undefined) return undefined;
  return new DomainError(
    'approval.four-eyes',
    `${actorId} ${conflict.did} and so cannot ${FOUR_EYES_DECISIONS[decision]}: a second person must decide`,
    'forbidden',
  );
}

export function assertFourEyes(actorId: string, decision: FourEyesDecision, participants: readonly Participant[]): void {
  const refusal = fourEyesRefusal(actorId, decision, participants);
  if (refusal) throw refusal;
}
