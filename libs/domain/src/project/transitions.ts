import { DomainError } from '../shared/domain-error.js';
import type { ProjectCommand, ReportKind } from './commands.js';
import type { ProjectStatus } from './state.js';

/** The commands sent to a project that exists; DraftProject and ImportProject decide on creation themselves. */
export type ProjectCommandType = Exclude<ProjectCommand['type'], 'DraftProject' | 'ImportProject'>;
type CommandType = ProjectCommandType;

const PIPELINE_UNDER_REVIEW = ['submitted', 'endorsed', 'retained'] as const;
const FUNDED = ['approved', 'active', 'suspended'] as const;

/**
 * The lifecycle in one table: the statuses from which each command may be sent. Where it
 * leads is the event's business (evolve). DraftProject is the only command for a project
 * that does not exist yet.
 */
export const ALLOWED_FROM: Readonly<Record<CommandType, readonly ProjectStatus[]>> = {
  AmendDraft: ['draft'],
  RecordGovernmentEndorsement: ['draft'],
  SubmitProject: ['draft'],
  EndorseProject: ['submitted'],
  ApproveProject: ['endorsed', 'retained'],
  RetainProject: ['endorsed'],
  RejectProject: PIPELINE_UNDER_REVIEW,
  ReturnProject: PIPELINE_UNDER_REVIEW,
  RecordFocalPoint: ['draft', 'submitted', 'endorsed', 'retained', 'approved', 'active', 'suspended'],
  StartImplementation: ['approved'],
  SuspendProject: ['active'],
  ResumeProject: ['suspended'],
  CompleteProject: ['active'],
  CloseProject: ['completed'],
  CancelProject: FUNDED,
  RequestBudgetRevision: FUNDED,
  ApproveBudgetRevision: FUNDED,
  RejectBudgetRevision: FUNDED,
  RequestNoCostExtension: FUNDED,
  ApproveNoCostExtension: FUNDED,
  RejectNoCostExtension: FUNDED,
  // SubmitReport depends on the kind of report, see REPORT_ALLOWED_FROM.
  SubmitReport: ['active', 'suspended', 'completed'],
  AcceptReport: ['active', 'suspended', 'completed'],
  RejectReport: ['active', 'suspended', 'completed'],
  RecordDisbursement: ['approved', 'active', 'completed'],
  RecordExpenditure: ['active', 'suspended', 'completed'],
  CorrectTransaction: ['approved', 'active', 'suspended', 'completed'],
  // Money comes back late: after closure or cancellation too (released at once, ADR 0018).
  RecordRefund: ['active', 'suspended', 'completed', 'closed', 'cancelled'],
};

/** Interim reports during implementation; final reports once the project is completed. */
export const REPORT_ALLOWED_FROM: Readonly<Record<ReportKind, readonly ProjectStatus[]>> = {
  interim: ['active', 'suspended', 'completed'],
  'final-narrative': ['completed'],
  'final-financial': ['completed'],
};

export function allowedFrom(command: Exclude<ProjectCommand, { type: 'DraftProject' | 'ImportProject' }>): readonly ProjectStatus[] {
  if (command.type === 'SubmitReport' && Object.hasOwn(REPORT_ALLOWED_FROM, command.data.kind)) {
    return REPORT_ALLOWED_FROM[command.data.kind];
  }
  return ALLOWED_FROM[command.type];
}

export function assertTransitionAllowed(
  command: Exclude<ProjectCommand, { type: 'DraftProject' | 'ImportProject' }>,
  status: ProjectStatus,
): void {
  const refusal = transitionRefusal(command.type, status, command.type === 'SubmitReport' ? command.data.kind : undefined);
  if (refusal) throw refusal;
}

/**
 * Why the lifecycle refuses `commandType` (a report of `reportKind`) while the project is
 * in `status`, or undefined when it allows it: the commands throw it, the project card
 * leaves such a command out.
 */
export function transitionRefusal(commandType: CommandType, status: ProjectStatus, reportKind?: ReportKind): DomainError | undefined {
  const allowed =
    commandType === 'SubmitReport' && reportKind !== undefined && Object.hasOwn(REPORT_ALLOWED_FROM, reportKind)
      ? REPORT_ALLOWED_FROM[reportKind]
      : ALLOWED_FROM[commandType];
  if (allowed.includes(status)) return undefined;
  const what = commandType === 'SubmitReport' ? `SubmitReport (${reportKind})` : commandType;
  return new DomainError(
    'transition.not-allowed',
    `${what} is not allowed while the project is ${status} (only when ${allowed.join(', ')})`,
    'conflict',
  );
}
