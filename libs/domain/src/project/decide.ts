import { assertNotBeforeLatestStep, businessDateOf } from '../calendar/business-date.js';
import { DomainError } from '../shared/domain-error.js';
import type { ProjectCommand } from './commands.js';
import { approveBudgetRevision, rejectBudgetRevision, requestBudgetRevision } from './decisions/budget-revision.js';
import { amendDraft, draftProject } from './decisions/drafting.js';
import { importProject } from './decisions/importing.js';
import {
  cancelProject,
  closeProject,
  completeProject,
  recordFocalPoint,
  resumeProject,
  startImplementation,
  suspendProject,
} from './decisions/implementation.js';
import { approveNoCostExtension, rejectNoCostExtension, requestNoCostExtension } from './decisions/no-cost-extension.js';
import { acceptReport, rejectReport, submitReport } from './decisions/reports.js';
import { approveProject, endorseProject, rejectProject, retainProject, returnProject } from './decisions/review.js';
import { recordGovernmentEndorsement, submitProject } from './decisions/submission.js';
import { correctTransaction, recordDisbursement, recordExpenditure, recordRefund } from './decisions/transactions.js';
import type { ProjectEvent } from './events.js';
import type { ProjectState } from './state.js';
import { assertTransitionAllowed } from './transitions.js';

/**
 * Decides what a command means for a project: the events to record, or a DomainError and
 * nothing recorded. The lifecycle table is checked first for every command, so each
 * decision below only checks its own rules.
 */
export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  // Every command happens on a business date, checked here once for all (ADR 0019).
  const effectiveOn = businessDateOf(command.context);
  if (command.type === 'DraftProject') return draftProject(command, state);
  // An import creates, corrects or leaves a project as the list says: no lifecycle step.
  if (command.type === 'ImportProject') return importProject(command, state);
  if (state.status === 'none') {
    throw new DomainError('project.not-found', `${command.type}: the project does not exist`, 'not-found');
  }
  assertTransitionAllowed(command, state.status);
  assertNotBeforeLatestStep(effectiveOn, state.latestStep);
  const project = state;
  switch (command.type) {
    case 'AmendDraft':
      return amendDraft(command, project);
    case 'RecordGovernmentEndorsement':
      return recordGovernmentEndorsement(command, project);
    case 'SubmitProject':
      return submitProject(command, project);
    case 'EndorseProject':
      return endorseProject(command, project);
    case 'ApproveProject':
      return approveProject(command, project);
    case 'RetainProject':
      return retainProject(command, project);
    case 'RejectProject':
      return rejectProject(command, project);
    case 'ReturnProject':
      return returnProject(command, project);
    case 'RecordFocalPoint':
      return recordFocalPoint(command, project);
    case 'StartImplementation':
      return startImplementation(command, project);
    case 'SuspendProject':
      return suspendProject(command, project);
    case 'ResumeProject':
      return resumeProject(command, project);
    case 'CompleteProject':
      return completeProject(command, project);
    case 'CloseProject':
      return closeProject(command, project);
    case 'CancelProject':
      return cancelProject(command, project);
    case 'RequestBudgetRevision':
      return requestBudgetRevision(command, project);
    case 'ApproveBudgetRevision':
      return approveBudgetRevision(command, project);
    case 'RejectBudgetRevision':
      return rejectBudgetRevision(command, project);
    case 'RequestNoCostExtension':
      return requestNoCostExtension(command, project);
    case 'ApproveNoCostExtension':
      return approveNoCostExtension(command, project);
    case 'RejectNoCostExtension':
      return rejectNoCostExtension(command, project);
    case 'SubmitReport':
      return submitReport(command, project);
    case 'AcceptReport':
      return acceptReport(command, project);
    case 'RejectReport':
      return rejectReport(command, project);
    case 'RecordDisbursement':
      return recordDisbursement(command, project);
    case 'RecordExpenditure':
      return recordExpenditure(command, project);
    case 'RecordRefund':
      return recordRefund(command, project);
    case 'CorrectTransaction':
      return correctTransaction(command, project);
    default: {
      const unknown: never = command;
      throw new DomainError('command.unknown', `unknown command ${(unknown as { type: string }).type}`, 'invalid');
    }
  }
}
