import type { CalendarDate } from '../calendar/calendar-date.js';
import { COMMAND_ROLES } from '../fund/roles.js';
import type { Role } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import type { Cents } from '../shared/money.js';
import type { ReportKind } from './commands.js';
import { assertNonePending, assertNoRequestPending } from './decisions/change-requests.js';
import { assertReportOfKindOpen } from './decisions/reports.js';
import { assertClosureReportsAccepted } from './rules/closure-reports.js';
import { assertEndorsedForSubmission } from './rules/endorsements.js';
import { assertFocalPointRecorded } from './rules/focal-point.js';
import { assertRequestInTime } from './rules/request-deadline.js';
import { assertRefundWithinUnspent } from './rules/unspent-balance.js';
import {
  extensionRequester,
  fourEyesRefusal,
  isFourEyesDecision,
  proposalPreparers,
  reportSubmitter,
  revisionRequester,
  type Participant,
} from './rules/four-eyes.js';
import type { Project, ProjectStatus } from './state.js';
import { ALLOWED_FROM, REPORT_ALLOWED_FROM, transitionRefusal, type ProjectCommandType } from './transitions.js';

/** Who asks what they may do: the person (four eyes) and every role their token holds. */
export interface Caller {
  id: string;
  roles: readonly Role[];
}

/**
 * Why a command would be refused before it decides anything: none of the caller's roles
 * may send it (the API answers `auth.role-not-allowed`), or a rule of the domain refuses it
 * (`transition.not-allowed`, `approval.four-eyes`, or a precondition of the project's state).
 */
export type CommandRefusal = { reason: 'role'; allowedRoles: readonly Role[] } | { reason: 'rule'; error: DomainError };

/** What a command would be sent to: the project's status and, for a decision, who prepared what it decides. */
export interface CommandTarget {
  status: ProjectStatus;
  reportKind?: ReportKind;
  /** For a decision rule 6 applies to. */
  participants?: readonly Participant[];
}

/**
 * Why `caller` may not send `command` to `target`, checked in the order the service checks
 * it (the role at the door, then the lifecycle table, then four eyes), with the very
 * functions the commands use; undefined when none of them stands in the way.
 */
export function commandRefusal(command: ProjectCommandType, caller: Caller, target: CommandTarget): CommandRefusal | undefined {
  const allowedRoles = COMMAND_ROLES[command] ?? [];
  if (!caller.roles.some((role) => allowedRoles.includes(role))) return { reason: 'role', allowedRoles };
  const transition = transitionRefusal(command, target.status, target.reportKind);
  if (transition) return { reason: 'rule', error: transition };
  if (isFourEyesDecision(command) && target.participants !== undefined) {
    const fourEyes = fourEyesRefusal(caller.id, command, target.participants);
    if (fourEyes) return { reason: 'rule', error: fourEyes };
  }
  return undefined;
}

/** A command the caller may send now, with the request, report or transaction it names. */
export interface AvailableCommand {
  command: ProjectCommandType;
  requestId?: string;
  reportId?: string;
  transactionId?: string;
  /** SubmitReport: the kind of report that may be submitted now. */
  reportKind?: ReportKind;
}

interface Candidate extends AvailableCommand {
  participants?: readonly Participant[];
  /** A rule of the project's state that refuses the command whatever its data (throws). */
  precondition?: () => void;
}

/**
 * The commands `caller` may send to `project` now, so that a client offers no button that
 * the role table, the lifecycle table, four eyes or a certain precondition of the project
 * (endorsements before submission, the focal point before starting, accepted reports before
 * closing, no pending request before completing or requesting another, a request or report
 * to decide) would refuse; given `today` (the fund's date, a command's default business
 * date), also a request past rule 10's deadline. What depends on the command's data or
 * another aggregate (amounts, the envelope's room) is the command's to judge.
 */
export function availableCommands(project: Project, caller: Caller, today?: CalendarDate): AvailableCommand[] {
  return candidatesFor(project, today)
    .filter(({ command, participants, reportKind }) => {
      const target: CommandTarget = { status: project.status, ...(reportKind ? { reportKind } : {}), ...(participants ? { participants } : {}) };
      return commandRefusal(command, caller, target) === undefined;
    })
    .filter((candidate) => candidate.precondition === undefined || holds(candidate.precondition))
    .map(({ participants: _participants, precondition: _precondition, ...available }) => available);
}

/** Every command once (or once per request, report, transaction or report kind it may name), in the lifecycle table's order. */
function candidatesFor(project: Project, today: CalendarDate | undefined): Candidate[] {
  const revision = project.pendingBudgetRevision;
  const extension = project.pendingNoCostExtension;
  const submittedReports = Object.entries(project.reports).filter(([, report]) => report.status === 'submitted');
  const byCommand: Record<ProjectCommandType, () => Candidate[]> = {
    AmendDraft: () => [{ command: 'AmendDraft' }],
    RecordGovernmentEndorsement: () => [{ command: 'RecordGovernmentEndorsement' }],
    SubmitProject: () => [{ command: 'SubmitProject', precondition: () => assertEndorsedForSubmission(project) }],
    EndorseProject: () => [{ command: 'EndorseProject', participants: proposalPreparers(project) }],
    ApproveProject: () => [{ command: 'ApproveProject', participants: proposalPreparers(project) }],
    RetainProject: () => [{ command: 'RetainProject' }],
    RejectProject: () => [{ command: 'RejectProject' }],
    ReturnProject: () => [{ command: 'ReturnProject' }],
    RecordFocalPoint: () => [{ command: 'RecordFocalPoint' }],
    StartImplementation: () => [{ command: 'StartImplementation', precondition: () => assertFocalPointRecorded(project) }],
    SuspendProject: () => [{ command: 'SuspendProject' }],
    ResumeProject: () => [{ command: 'ResumeProject' }],
    CompleteProject: () => [{ command: 'CompleteProject', precondition: () => assertNoRequestPending(project) }],
    CloseProject: () => [{ command: 'CloseProject', precondition: () => assertClosureReportsAccepted(project) }],
    CancelProject: () => [{ command: 'CancelProject' }],
    RequestBudgetRevision: () => [
      { command: 'RequestBudgetRevision', precondition: () => assertRequestable(project, 'budget revision', today) },
    ],
    ApproveBudgetRevision: () =>
      revision ? [{ command: 'ApproveBudgetRevision', requestId: revision.requestId, participants: revisionRequester(revision) }] : [],
    RejectBudgetRevision: () => (revision ? [{ command: 'RejectBudgetRevision', requestId: revision.requestId }] : []),
    RequestNoCostExtension: () => [
      { command: 'RequestNoCostExtension', precondition: () => assertRequestable(project, 'no-cost extension', today) },
    ],
    ApproveNoCostExtension: () =>
      extension ? [{ command: 'ApproveNoCostExtension', requestId: extension.requestId, participants: extensionRequester(extension) }] : [],
    RejectNoCostExtension: () => (extension ? [{ command: 'RejectNoCostExtension', requestId: extension.requestId }] : []),
    SubmitReport: () =>
      (Object.keys(REPORT_ALLOWED_FROM) as ReportKind[]).map((reportKind) => ({
        command: 'SubmitReport',
        reportKind,
        precondition: () => assertReportOfKindOpen(project, reportKind),
      })),
    AcceptReport: () =>
      submittedReports.map(([reportId, report]) => ({ command: 'AcceptReport', reportId, participants: reportSubmitter(report) })),
    RejectReport: () => submittedReports.map(([reportId]) => ({ command: 'RejectReport', reportId })),
    RecordDisbursement: () => [{ command: 'RecordDisbursement' }],
    RecordExpenditure: () => [{ command: 'RecordExpenditure' }],
    // Offered while at least a cent is unspent: the smallest refund the rule allows.
    RecordRefund: () => [{ command: 'RecordRefund', precondition: () => assertRefundWithinUnspent(project, 1 as Cents) }],
    // A refund is never corrected (correction.refund): it may already be back in the envelope.
    CorrectTransaction: () =>
      Object.keys(project.transactions)
        .filter((transactionId) => project.transactions[transactionId]!.kind !== 'refund')
        .sort()
        .map((transactionId) => ({ command: 'CorrectTransaction', transactionId })),
  };
  return (Object.keys(ALLOWED_FROM) as ProjectCommandType[]).flatMap((command) => byCommand[command]());
}

/**
 * Rule 10 for a request sent today (its default business date): none pending, and not later
 * than one month before the current end date. Without `today` only the first is judged.
 */
function assertRequestable(project: Project, request: 'budget revision' | 'no-cost extension', today: CalendarDate | undefined): void {
  assertNonePending(project, request);
  if (today !== undefined) assertRequestInTime(today, project.currentEndDate, request);
}

function holds(precondition: () => void): boolean {
  try {
    precondition();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
