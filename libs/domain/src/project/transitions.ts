import { DomainError } from '../shared/domain-error.js';
import type { ProjectCommand, ReportKind } from './commands.js';
import type { ProjectStatus } from './state.js';

/** The commands for a project that exists; DraftProject and ImportProject decide on creation themselves. */
type CommandType = Exclude<ProjectCommand['type'], 'DraftProject' | 'ImportProject'>;

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
  const allowed = allowedFrom(command);
  if (!allowed.includes(status)) {
    const what = command.type === 'SubmitReport' ? `SubmitReport (${command.data.kind})` : command.type;
    throw new DomainError(
      'transition.not-allowed',
      `${what} is not allowed while the project is ${status} (only when ${allowed.join(', ')})`,
      'conflict',
    );
  }
}
