import type { ApproveProject, EndorseProject, RejectProject, RetainProject, ReturnProject } from '../commands.js';
import type { ProjectApproved, ProjectEndorsed, ProjectRejected, ProjectRetained, ProjectReturned } from '../events.js';
import { assertFourEyes, proposalPreparers } from '../rules/four-eyes.js';
import type { Project } from '../state.js';
import { actorOf, stampOf, stampWithReason } from './command-context.js';

export function endorseProject(command: EndorseProject, project: Project): ProjectEndorsed[] {
  assertFourEyes(actorOf(command), 'EndorseProject', proposalPreparers(project));
  return [{ type: 'ProjectEndorsed', data: { endorsedBy: actorOf(command), ...stampOf(command, 'endorsement') } }];
}

/**
 * The approval commits the budget. Reserving it from the envelope of (year, line) is the
 * envelope's rule 7, applied by the application with the amounts this event carries.
 */
export function approveProject(command: ApproveProject, project: Project): ProjectApproved[] {
  assertFourEyes(actorOf(command), 'ApproveProject', proposalPreparers(project));
  return [
    {
      type: 'ProjectApproved',
      data: {
        approvedBy: actorOf(command),
        committed: project.budgetTotal,
        year: project.year,
        fundingLine: project.fundingLine,
        ...stampOf(command, 'approval'),
      },
    },
  ];
}

/** Retaining is what an approver does when the envelope lacks room: wait, do not reject. */
export function retainProject(command: RetainProject, _project: Project): ProjectRetained[] {
  return [{ type: 'ProjectRetained', data: { retainedBy: actorOf(command), ...stampOf(command, 'retention') } }];
}

export function rejectProject(command: RejectProject, _project: Project): ProjectRejected[] {
  return [{ type: 'ProjectRejected', data: { rejectedBy: actorOf(command), ...stampWithReason(command, 'rejecting a project') } }];
}

export function returnProject(command: ReturnProject, _project: Project): ProjectReturned[] {
  return [{ type: 'ProjectReturned', data: { returnedBy: actorOf(command), ...stampWithReason(command, 'returning a project') } }];
}
