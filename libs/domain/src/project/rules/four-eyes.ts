import { DomainError } from '../../shared/domain-error.js';

/** Someone who already had a hand in what is being decided, e.g. "drafted the project". */
export interface Participant {
  id: string | undefined;
  did: string;
}

/**
 * Rule 6, four eyes: nobody decides on what they prepared themselves. Applies to endorsing
 * and approving a project (vs its drafter and submitter), approving a budget revision or a
 * no-cost extension (vs its requester) and accepting a report (vs its submitter).
 */
export function assertFourEyes(actorId: string, action: string, participants: readonly Participant[]): void {
  const conflict = participants.find((participant) => participant.id === actorId);
  if (conflict) {
    throw new DomainError(
      'approval.four-eyes',
      `${actorId} ${conflict.did} and so cannot ${action}: a second person must decide`,
      'forbidden',
    );
  }
}
