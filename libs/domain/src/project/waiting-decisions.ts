import type { BudgetBreakdown, ReportKind } from './commands.js';
import {
  extensionRequester,
  proposalPreparers,
  reportSubmitter,
  revisionRequester,
  type FourEyesDecision,
  type Participant,
} from './rules/four-eyes.js';
import type { Project, ProjectStatus } from './state.js';
import { ALLOWED_FROM } from './transitions.js';

/** What waits for an approver. */
export const WAITING_KINDS = ['endorsement', 'approval', 'retained', 'budget-revision', 'extension', 'report'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

/** The decision awaited: a proposal is endorsed or approved, a request approved, a report accepted. */
export type DecisionAwaited = 'endorsement' | 'approval' | 'acceptance';

/** One thing that waits for an approver's decision on a project. */
export interface WaitingDecision {
  kind: WaitingKind;
  awaiting: DecisionAwaited;
  /** The command that makes the decision, the one four eyes applies to (rejecting has no four-eyes rule). */
  decision: FourEyesDecision;
  /** The request or report decided; absent when the proposal itself is. */
  requestId?: string;
  reportId?: string;
  /** Since when it waits (business instant): submission, endorsement, retention, the request, the report. */
  since: string;
  /** Who had a hand in it; four eyes keeps each of them from deciding it. */
  participants: Participant[];
  /** The people as the queue names them. */
  draftedBy?: string;
  submittedBy?: string;
  endorsedBy?: string;
  requestedBy?: string;
  /** What a request asks for. */
  budget?: BudgetBreakdown & { total: number };
  currentEndDate?: string;
  newEndDate?: string;
  reason?: string;
  reportKind?: ReportKind;
}

const PROPOSAL_WAITS: Partial<Record<ProjectStatus, Pick<WaitingDecision, 'kind' | 'awaiting' | 'decision'>>> = {
  submitted: { kind: 'endorsement', awaiting: 'endorsement', decision: 'EndorseProject' },
  endorsed: { kind: 'approval', awaiting: 'approval', decision: 'ApproveProject' },
  retained: { kind: 'retained', awaiting: 'approval', decision: 'ApproveProject' },
};

/**
 * Everything about `project` that waits for an approver, from its folded state: the
 * proposal under review (waiting since it entered its status), a pending budget revision
 * or no-cost extension, and each submitted report. A change request or a report of a
 * project that is no longer in a status where it can be decided does not wait (the
 * lifecycle voids requests on cancellation; reports are decided while implementing).
 */
export function waitingDecisions(project: Project): WaitingDecision[] {
  const waiting: WaitingDecision[] = [];
  const proposal = PROPOSAL_WAITS[project.status];
  if (proposal) {
    waiting.push({
      ...proposal,
      since: project.statusChangedAt,
      participants: proposalPreparers(project).filter((participant) => participant.id !== undefined),
      ...defined({ draftedBy: project.draftedBy, submittedBy: project.submittedBy, endorsedBy: project.endorsedBy }),
    });
  }
  const revision = project.pendingBudgetRevision;
  if (revision) {
    waiting.push({
      kind: 'budget-revision',
      awaiting: 'approval',
      decision: 'ApproveBudgetRevision',
      requestId: revision.requestId,
      since: revision.requestedAt,
      participants: revisionRequester(revision),
      requestedBy: revision.requestedBy,
      budget: { ...revision.budget, total: revision.budgetTotal },
      reason: revision.reason,
    });
  }
  const extension = project.pendingNoCostExtension;
  if (extension) {
    waiting.push({
      kind: 'extension',
      awaiting: 'approval',
      decision: 'ApproveNoCostExtension',
      requestId: extension.requestId,
      since: extension.requestedAt,
      participants: extensionRequester(extension),
      requestedBy: extension.requestedBy,
      currentEndDate: project.currentEndDate,
      newEndDate: extension.newEndDate,
      reason: extension.reason,
    });
  }
  for (const [reportId, report] of Object.entries(project.reports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (report.status !== 'submitted' || !ALLOWED_FROM.AcceptReport.includes(project.status)) continue;
    waiting.push({
      kind: 'report',
      awaiting: 'acceptance',
      decision: 'AcceptReport',
      reportId,
      since: report.submittedAt,
      participants: reportSubmitter(report),
      submittedBy: report.submittedBy,
      reportKind: report.kind,
    });
  }
  return waiting;
}

function defined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}
