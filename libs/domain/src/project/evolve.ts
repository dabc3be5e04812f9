import { effectiveOnOf } from '../calendar/business-date.js';
import { addCents, subtractCents, type Cents } from '../shared/money.js';
import type { ProjectEvent, ProjectDrafted, ProjectImportCorrected, ProjectImported } from './events.js';
import { IMPORTED_FIELD_KEYS, type ImportedFields } from './imported-record.js';
import type { Project, ProjectState, ProjectStatus } from './state.js';

/** Written by the workflow repairs: an approval or a draft that never happened is no step of the project. */
const NOT_A_STEP: ReadonlySet<string> = new Set(['ApprovalAbandoned', 'DraftAbandoned']);

/**
 * Folds one recorded event into the state. Events are facts: nothing is checked here, and
 * an event that cannot apply (none can, in a well-formed stream) leaves the state as is.
 * Every step also becomes the project's latest step, with its business date: the next
 * command may not be dated before it (ADR 0019).
 */
export function evolveProject(state: ProjectState, event: ProjectEvent): ProjectState {
  const on = effectiveOnOf(event.data);
  const next = evolveFacts(state, event, on);
  if (next.status === 'none' || next === state || NOT_A_STEP.has(event.type)) return next;
  // Whatever event moved the status (`moved` below), its business date goes with the instant.
  const statusMoved = state.status === 'none' || next.status !== state.status || next.statusChangedAt !== state.statusChangedAt;
  const stepped: Project = { ...next, ...(statusMoved ? { statusChangedOn: on } : {}), latestStep: { type: event.type, effectiveOn: on } };
  return event.type === 'ProjectImported' || event.type === 'ProjectImportCorrected' ? stepped : changedInService(stepped);
}

/** An imported project that the service changed since: a re-import may no longer correct it. */
function changedInService(project: Project): Project {
  if (project.imported === undefined || project.imported.changedInService) return project;
  return { ...project, imported: { ...project.imported, changedInService: true } };
}

/** `on`: the event's business date. */
function evolveFacts(state: ProjectState, event: ProjectEvent, on: string): ProjectState {
  if (event.type === 'ProjectDrafted') return drafted(event.data, on);
  if (event.type === 'ProjectImported') return imported(event.data, on);
  if (state.status === 'none') return state;
  const project = state;
  const { at } = event.data;
  switch (event.type) {
    case 'ProjectDraftAmended': {
      const { changes, voidedEndorsements = [] } = event.data;
      return {
        ...project,
        ...changes,
        // Still a draft: no extension can have moved the end date yet.
        currentEndDate: changes.plannedEndDate ?? project.currentEndDate,
        governmentEndorsements: omit(project.governmentEndorsements, voidedEndorsements),
      };
    }
    case 'GovernmentEndorsementRecorded': {
      const { state: code, endorsedOn, authority, recordedBy } = event.data;
      return {
        ...project,
        governmentEndorsements: { ...project.governmentEndorsements, [code]: { endorsedOn, authority, recordedBy } },
      };
    }
    case 'ProjectSubmitted':
      return { ...moved(project, 'submitted', at), submittedBy: event.data.submittedBy, submittedAt: at, submittedOn: on };
    case 'ProjectEndorsed':
      return { ...moved(project, 'endorsed', at), endorsedBy: event.data.endorsedBy, endorsedAt: at, endorsedOn: on };
    case 'ProjectRetained':
      return { ...moved(project, 'retained', at), retainedAt: at, retainedOn: on };
    case 'ProjectApproved':
      return { ...moved(project, 'approved', at), approvedBy: event.data.approvedBy, approvedAt: at, approvedOn: on, committed: event.data.committed };
    case 'ProjectRejected':
      return moved(project, 'rejected', at, event.data.reason);
    case 'ProjectReturned': {
      // Back to draft: the next submission starts a new review, with its own submitter.
      const { submittedBy: _s, submittedAt: _sa, submittedOn: _so, endorsedBy: _e, endorsedAt: _ea, endorsedOn: _eo, retainedAt: _r, retainedOn: _ro, ...rest } = project;
      return moved(rest, 'draft', at, event.data.reason);
    }
    case 'FocalPointRecorded': {
      const { name, organisation, email } = event.data;
      return { ...project, focalPoint: { name, organisation, ...(email === undefined ? {} : { email }) } };
    }
    case 'ImplementationStarted':
      return { ...moved(project, 'active', at), actualStartDate: event.data.actualStartDate };
    case 'ProjectSuspended':
      return moved(project, 'suspended', at, event.data.reason);
    case 'ProjectResumed':
      return moved(project, 'active', at);
    case 'ProjectCompleted':
      return { ...moved(project, 'completed', at), actualEndDate: event.data.actualEndDate };
    case 'ProjectClosed':
      // What closure released is decommitted (ADR 0018); derived from releasedAmount, which
      // every ProjectClosed ever recorded carries, so old streams fold to the same truth.
      return { ...moved(project, 'closed', at), committed: subtractCents(project.committed, event.data.releasedAmount) };
    case 'ProjectCancelled': {
      const { pendingBudgetRevision: _b, pendingNoCostExtension: _n, ...rest } = project;
      return {
        ...moved(rest, 'cancelled', at, event.data.reason),
        committed: subtractCents(project.committed, event.data.releasedAmount),
        decidedRequestIds: [...project.decidedRequestIds, ...(event.data.voidedRequestIds ?? [])],
      };
    }
    case 'BudgetRevisionRequested': {
      const { requestId, budget, budgetTotal, requestedBy, reason } = event.data;
      return { ...project, pendingBudgetRevision: { requestId, budget, budgetTotal, requestedBy, reason, requestedAt: at } };
    }
    case 'BudgetRevisionApproved': {
      const { pendingBudgetRevision: _, ...rest } = project;
      return {
        ...rest,
        budget: event.data.budget,
        budgetTotal: event.data.newCommitted,
        committed: event.data.newCommitted,
        decidedRequestIds: [...project.decidedRequestIds, event.data.requestId],
      };
    }
    case 'BudgetRevisionRejected': {
      const { pendingBudgetRevision: _, ...rest } = project;
      return { ...rest, decidedRequestIds: [...project.decidedRequestIds, event.data.requestId] };
    }
    case 'NoCostExtensionRequested': {
      const { requestId, newEndDate, requestedBy, reason } = event.data;
      return { ...project, pendingNoCostExtension: { requestId, newEndDate, requestedBy, reason, requestedAt: at } };
    }
    case 'NoCostExtensionApproved': {
      const { pendingNoCostExtension: _, ...rest } = project;
      return {
        ...rest,
        currentEndDate: event.data.newEndDate,
        decidedRequestIds: [...project.decidedRequestIds, event.data.requestId],
      };
    }
    case 'NoCostExtensionRejected': {
      const { pendingNoCostExtension: _, ...rest } = project;
      return { ...rest, decidedRequestIds: [...project.decidedRequestIds, event.data.requestId] };
    }
    case 'ReportSubmitted': {
      const { reportId, kind, summary, submittedBy } = event.data;
      const report = { kind, status: 'submitted' as const, submittedBy, submittedAt: at, ...(summary === undefined ? {} : { summary }) };
      return { ...project, reports: { ...project.reports, [reportId]: report } };
    }
    case 'ReportAccepted': {
      const { reportId, acceptedBy } = event.data;
      const report = project.reports[reportId];
      if (!report) return project;
      const decided = { ...report, status: 'accepted' as const, decidedBy: acceptedBy, decidedAt: at };
      return { ...project, reports: { ...project.reports, [reportId]: decided } };
    }
    case 'ReportRejected': {
      const { reportId, rejectedBy, reason } = event.data;
      const report = project.reports[reportId];
      if (!report) return project;
      const decided = { ...report, status: 'rejected' as const, decidedBy: rejectedBy, decidedAt: at, rejectionReason: reason };
      return { ...project, reports: { ...project.reports, [reportId]: decided } };
    }
    case 'DisbursementRecorded':
    case 'ExpenditureRecorded': {
      const { transactionId, amount, valueDate, reference, recordedBy } = event.data;
      const kind = event.type === 'DisbursementRecorded' ? 'disbursement' : 'expenditure';
      const transaction = { kind, amount, valueDate, recordedBy, ...(reference === undefined ? {} : { reference }) } as const;
      return {
        ...withFlow(project, kind, amount),
        transactions: { ...project.transactions, [transactionId]: transaction },
      };
    }
    case 'RefundRecorded': {
      const { transactionId, amount, valueDate, reference, recordedBy, releasedAmount } = event.data;
      const transaction = { kind: 'refund', amount, valueDate, recordedBy, ...(reference === undefined ? {} : { reference }) } as const;
      return {
        ...withFlow(project, 'disbursement', -amount),
        committed: subtractCents(project.committed, releasedAmount),
        refunded: addCents(project.refunded ?? 0, amount),
        transactions: { ...project.transactions, [transactionId]: transaction },
      };
    }
    case 'TransactionCorrected': {
      const { transactionId, kind, correctedAmount, difference } = event.data;
      const transaction = project.transactions[transactionId];
      if (!transaction) return project;
      return {
        ...withFlow(project, kind, difference),
        transactions: { ...project.transactions, [transactionId]: { ...transaction, amount: correctedAmount } },
      };
    }
    case 'ProjectImportCorrected':
      return importCorrected(project, event.data);
    default:
      return project;
  }
}

function imported(data: ProjectImported['data'], on: string): Project {
  const { projectId, importedBy, source, effectiveOn: _e, at, reason: _r, status, actualStartDate, actualEndDate, committed, disbursed, spent, breakdownGiven: _b, ...proposal } = data;
  const fields = importedFieldsOf(data);
  return {
    ...proposal,
    projectId,
    status,
    currentEndDate: data.plannedEndDate,
    ...(actualStartDate === undefined ? {} : { actualStartDate }),
    ...(actualEndDate === undefined ? {} : { actualEndDate }),
    committed,
    disbursed,
    spent,
    transactions: {},
    governmentEndorsements: {},
    reports: {},
    decidedRequestIds: [],
    // The project entered the service through its importer: the card's "drafted by".
    draftedBy: importedBy,
    draftedAt: at,
    draftedOn: on,
    statusChangedAt: at,
    imported: { importedBy, source, fields, changedInService: false },
  };
}

/** The correction's `after` over the project: only possible while nothing else happened since the import. */
function importCorrected(project: Project, data: ProjectImportCorrected['data']): Project {
  if (project.imported === undefined) return project;
  const fields = { ...project.imported.fields, ...data.after } as ImportedFields;
  const { status, actualStartDate, actualEndDate, committed, disbursed, spent, breakdownGiven: _b, ...proposal } = fields;
  const { actualStartDate: _s, actualEndDate: _e, statusReason: _r, ...rest } = project;
  return {
    ...rest,
    ...proposal,
    status,
    currentEndDate: fields.plannedEndDate,
    ...(actualStartDate === undefined ? {} : { actualStartDate }),
    ...(actualEndDate === undefined ? {} : { actualEndDate }),
    committed,
    disbursed,
    spent,
    statusChangedAt: status === project.status ? project.statusChangedAt : data.at,
    imported: { importedBy: project.imported.importedBy, source: data.source, fields, changedInService: false },
  };
}

function importedFieldsOf(data: ProjectImported['data']): ImportedFields {
  const fields: Record<string, unknown> = {};
  for (const key of IMPORTED_FIELD_KEYS) if (data[key] !== undefined) fields[key] = data[key];
  return fields as unknown as ImportedFields;
}

function drafted(data: ProjectDrafted['data'], on: string): Project {
  const { draftedBy, at, effectiveOn: _effectiveOn, reason: _reason, ...proposal } = data;
  return {
    ...proposal,
    status: 'draft',
    currentEndDate: data.plannedEndDate,
    committed: 0 as Cents,
    disbursed: 0 as Cents,
    spent: 0 as Cents,
    transactions: {},
    governmentEndorsements: {},
    reports: {},
    decidedRequestIds: [],
    draftedBy,
    draftedAt: at,
    draftedOn: on,
    statusChangedAt: at,
  };
}

/** A status change; `statusReason` says why only while the project is in that status. */
function moved<P extends Project>(project: P, status: ProjectStatus, at: string, reason?: string): P {
  const { statusReason: _, ...rest } = project;
  return { ...rest, status, statusChangedAt: at, ...(reason === undefined ? {} : { statusReason: reason }) } as P;
}

function withFlow(project: Project, kind: 'disbursement' | 'expenditure', change: number): Project {
  return kind === 'disbursement'
    ? { ...project, disbursed: (project.disbursed + change) as Cents }
    : { ...project, spent: (project.spent + change) as Cents };
}

function omit<Value>(record: Record<string, Value>, keys: readonly string[]): Record<string, Value> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
