import { businessDateOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import { DomainError } from '../../shared/domain-error.js';
import type {
  CancelProject,
  CloseProject,
  CompleteProject,
  RecordFocalPoint,
  ResumeProject,
  StartImplementation,
  SuspendProject,
} from '../commands.js';
import type {
  FocalPointRecorded,
  ImplementationStarted,
  ProjectCancelled,
  ProjectClosed,
  ProjectCompleted,
  ProjectResumed,
  ProjectSuspended,
} from '../events.js';
import { assertClosureReportsAccepted } from '../rules/closure-reports.js';
import { assertFocalPointRecorded } from '../rules/focal-point.js';
import { releasedOnEnd } from '../rules/release.js';
import { assertUnspentBalanceExplained, unspentBalance } from '../rules/unspent-balance.js';
import type { Project } from '../state.js';
import { actorOf, invalid, optionalText, stampOf, stampWithReason } from './command-context.js';
import { assertNoRequestPending } from './change-requests.js';

const NAME_MAX_LENGTH = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function recordFocalPoint(command: RecordFocalPoint, _project: Project): FocalPointRecorded[] {
  const name = optionalText(command.data.name);
  const organisation = optionalText(command.data.organisation);
  const email = optionalText(command.data.email);
  const errors = [];
  if (name === undefined || name.length > NAME_MAX_LENGTH) errors.push({ field: 'name', message: `1–${NAME_MAX_LENGTH} characters` });
  if (organisation === undefined || organisation.length > NAME_MAX_LENGTH) {
    errors.push({ field: 'organisation', message: `1–${NAME_MAX_LENGTH} characters` });
  }
  if (email !== undefined && !EMAIL.test(email)) errors.push({ field: 'email', message: 'not an e-mail address' });
  if (errors.length > 0) throw invalid('focal-point.invalid', errors);
  return [
    {
      type: 'FocalPointRecorded',
      data: {
        name: name!,
        organisation: organisation!,
        ...(email === undefined ? {} : { email }),
        recordedBy: actorOf(command),
        ...stampOf(command, 'recording the focal point'),
      },
    },
  ];
}

/** The actual start defaults to the business date of the start. */
export function startImplementation(command: StartImplementation, project: Project): ImplementationStarted[] {
  assertFocalPointRecorded(project);
  const actualStartDate = command.data.actualStartDate ?? businessDateOf(command.context);
  if (!isCalendarDate(actualStartDate)) {
    throw invalid('date.invalid', [{ field: 'actualStartDate', message: 'expected a calendar date YYYY-MM-DD' }]);
  }
  return [
    {
      type: 'ImplementationStarted',
      data: { actualStartDate, startedBy: actorOf(command), ...stampOf(command, 'starting implementation') },
    },
  ];
}

export function suspendProject(command: SuspendProject, _project: Project): ProjectSuspended[] {
  return [{ type: 'ProjectSuspended', data: { suspendedBy: actorOf(command), ...stampWithReason(command, 'suspending a project') } }];
}

export function resumeProject(command: ResumeProject, _project: Project): ProjectResumed[] {
  return [{ type: 'ProjectResumed', data: { resumedBy: actorOf(command), ...stampOf(command, 'resuming a project') } }];
}

export function completeProject(command: CompleteProject, project: Project): ProjectCompleted[] {
  assertNoRequestPending(project);
  const actualEndDate = command.data.actualEndDate ?? businessDateOf(command.context);
  if (!isCalendarDate(actualEndDate)) {
    throw invalid('date.invalid', [{ field: 'actualEndDate', message: 'expected a calendar date YYYY-MM-DD' }]);
  }
  if (project.actualStartDate !== undefined && actualEndDate < project.actualStartDate) {
    throw invalid('date.invalid', [
      { field: 'actualEndDate', message: `must not be before the actual start date ${project.actualStartDate}` },
    ]);
  }
  return [
    { type: 'ProjectCompleted', data: { actualEndDate, completedBy: actorOf(command), ...stampOf(command, 'completion') } },
  ];
}

export function closeProject(command: CloseProject, project: Project): ProjectClosed[] {
  assertClosureReportsAccepted(project);
  const stamp = stampOf(command, 'closing a project');
  assertUnspentBalanceExplained(project, stamp.reason);
  const unspent = unspentBalance(project);
  return [
    {
      type: 'ProjectClosed',
      data: {
        closedBy: actorOf(command),
        ...moneyReleased(project),
        ...(unspent > 0 ? { unspentBalance: unspent } : {}),
        ...stamp,
      },
    },
  ];
}

/** Cancellation is always possible from a funded status; pending change requests die with it. */
export function cancelProject(command: CancelProject, project: Project): ProjectCancelled[] {
  const stamp = stampWithReason(command, 'cancelling a project');
  const voided = [project.pendingBudgetRevision, project.pendingNoCostExtension]
    .filter((request) => request !== undefined)
    .map((request) => request.requestId);
  return [
    {
      type: 'ProjectCancelled',
      data: {
        cancelledBy: actorOf(command),
        ...moneyReleased(project),
        ...(voided.length > 0 ? { voidedRequestIds: voided } : {}),
        ...stamp,
      },
    },
  ];
}

/** Rule 12, with the envelope's key so the application can release into it. */
function moneyReleased(project: Project) {
  return {
    committed: project.committed,
    disbursed: project.disbursed,
    releasedAmount: releasedOnEnd(project),
    year: project.year,
    fundingLine: project.fundingLine,
  };
}
