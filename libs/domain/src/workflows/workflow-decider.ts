import type { Decider } from '../shared/decider.js';
import { formatUsd, type Cents } from '../shared/money.js';
import type { FundingLine } from '../project/commands.js';
import type { ProjectEvent } from '../project/events.js';
import type { EnvelopeEvent } from '../fund/envelope/envelope-events.js';
import type { ReservationPurpose } from '../fund/envelope/envelope-commands.js';

import type { PrimaRegistryEvent } from '../fund/prima-registry/prima-registry-messages.js';

/**
 * The workflows across streams of one project (ADR 0002 for the steps, ADR 0017 for their
 * repair), as a process manager learns them from the global feed: a reservation waiting for
 * its approval, a release owed after a cancellation, closure or lowering, a PRIMA id claimed
 * for a draft not yet recorded. One that is still open after a grace period is completed or
 * compensated by the steps `decide` returns; a step changes nothing here until its events
 * come back through the feed.
 */
/** Why a recorded project event owes its envelope a release (a refund: after closure or cancellation). */
export type ReleaseOwedPurpose = 'cancellation' | 'closure' | 'budget-revision' | 'import-correction' | 'refund';

export type OpenWorkflow =
  | {
      kind: 'reservation';
      /** The id of the FundsReserved event that started it: the workflow's id. */
      id: string;
      startedAt: string;
      year: number;
      fundingLine: FundingLine;
      amount: Cents;
      purpose: ReservationPurpose;
      /** ApprovalAbandoned is recorded: only the release is left. */
      abandoned: boolean;
    }
  | {
      kind: 'release';
      /** The id of the project event that owes the release. */
      id: string;
      startedAt: string;
      year: number;
      fundingLine: FundingLine;
      amount: Cents;
      purpose: ReleaseOwedPurpose;
    }
  | {
      kind: 'prima-claim';
      /** The id of the PrimaIdClaimed event. */
      id: string;
      startedAt: string;
      primaId: string;
      /** DraftAbandoned is recorded: only the release of the claim is left. */
      abandoned: boolean;
    };

export interface WorkflowState {
  projectId: string | null;
  /**
   * The revision of the last project event that matters to a workflow (see
   * `isWorkflowEventType`); null while no such event was seen. A repair written to the
   * project stream is appended after it, once the events after it are known not to matter.
   */
  projectRevision: number | null;
  open: OpenWorkflow[];
}

/** A recorded event as the feed delivers it: what it says, and where and when it was recorded. */
export interface ObservedEvent {
  type: 'Observed';
  data: {
    event: ProjectEvent | EnvelopeEvent | PrimaRegistryEvent;
    /** The project it concerns (from its stream, or the envelope's or registry's data). */
    projectId: string;
    id: string;
    /** Its revision in its own stream. */
    revision: number;
    recordedAt: string;
    /** metadata.compensates: the workflow a repair event belongs to. */
    compensates?: string;
  };
}

/** Asks which repairs are due: `now` from the caller's clock, the grace from its configuration. */
export interface ReviewWorkflows {
  type: 'ReviewWorkflows';
  data: { now: string; graceMs: number };
}

interface StepBase {
  workflowId: string;
  projectId: string;
  /** For the audit trail: what was left unfinished and what the step does about it. */
  reason: string;
}
/** Appends ApprovalAbandoned to the project stream, after `expectedProjectRevision`. */
export type AbandonApproval = {
  type: 'AbandonApproval';
  data: StepBase & { expectedProjectRevision: number | null; year: number; fundingLine: FundingLine; amount: Cents; purpose: ReservationPurpose };
};
/** Releases a reservation whose approval was abandoned (purpose compensation). */
export type ReleaseAbandonedReservation = {
  type: 'ReleaseAbandonedReservation';
  data: StepBase & { year: number; fundingLine: FundingLine; amount: Cents };
};
/** Releases what a recorded cancellation, closure or lowering owes the envelope. */
export type CompleteRelease = {
  type: 'CompleteRelease';
  data: StepBase & { year: number; fundingLine: FundingLine; amount: Cents; purpose: ReleaseOwedPurpose };
};
/** Appends DraftAbandoned to the project stream (`no_stream` when null), after `expectedProjectRevision`. */
export type AbandonDraft = {
  type: 'AbandonDraft';
  data: StepBase & { expectedProjectRevision: number | null; primaId: string };
};
/** Releases the PRIMA id a draft claimed and never used. */
export type ReleaseAbandonedClaim = {
  type: 'ReleaseAbandonedClaim';
  data: StepBase & { primaId: string };
};
export type RepairStep = AbandonApproval | ReleaseAbandonedReservation | CompleteRelease | AbandonDraft | ReleaseAbandonedClaim;

/** What the decider folds (observed events) and decides (steps, which fold into nothing). */
export type WorkflowMessage = ObservedEvent | RepairStep;

const WORKFLOW_EVENT_TYPES = new Set([
  'FundsReserved',
  'FundsReleased',
  'PrimaIdClaimed',
  'PrimaIdReleased',
  'ProjectDrafted',
  'ProjectDraftAmended',
  'ProjectApproved',
  'BudgetRevisionApproved',
  'ProjectCancelled',
  'ProjectClosed',
  'RefundRecorded',
  'ApprovalAbandoned',
  'DraftAbandoned',
  'ProjectImported',
  'ProjectImportCorrected',
]);

/** Whether an event of this type starts, finishes or repairs a workflow; the others never matter to one. */
export function isWorkflowEventType(type: string): boolean {
  return WORKFLOW_EVENT_TYPES.has(type);
}

/** PRIMA ids compare as their streams do (rule 14): trimmed, upper-cased. */
function samePrimaId(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

function initialState(): WorkflowState {
  return { projectId: null, projectRevision: null, open: [] };
}

function without(state: WorkflowState, match: (workflow: OpenWorkflow) => boolean): WorkflowState {
  const index = state.open.findIndex(match);
  return index < 0 ? state : { ...state, open: state.open.filter((_, i) => i !== index) };
}

function opened(state: WorkflowState, workflow: OpenWorkflow): WorkflowState {
  return { ...state, open: [...state.open, workflow] };
}

function evolve(state: WorkflowState, message: WorkflowMessage): WorkflowState {
  if (message.type !== 'Observed') return evolveNothing(state);
  const { event, id, revision, recordedAt, compensates } = message.data;
  state = { ...state, projectId: message.data.projectId };
  // A repair event closes (or advances) exactly the workflow it names.
  if (compensates !== undefined) {
    const after = event.type === 'ApprovalAbandoned' || event.type === 'DraftAbandoned' ? atProject(state, revision) : state;
    if (event.type === 'ApprovalAbandoned' || event.type === 'DraftAbandoned') {
      return { ...after, open: after.open.map((w) => (w.id === compensates && w.kind !== 'release' ? { ...w, abandoned: true } : w)) };
    }
    return without(after, (w) => w.id === compensates);
  }
  switch (event.type) {
    case 'FundsReserved': {
      const { year, fundingLine, amount, purpose } = event.data;
      return opened(state, { kind: 'reservation', id, startedAt: recordedAt, year, fundingLine, amount, purpose, abandoned: false });
    }
    case 'FundsReleased': {
      const { amount, purpose } = event.data;
      // The command's own compensation (its approval failed) or its own release: the oldest match.
      if (purpose === 'compensation') return without(state, (w) => w.kind === 'reservation' && !w.abandoned && w.amount === amount);
      return without(state, (w) => w.kind === 'release' && w.purpose === purpose && w.amount === amount);
    }
    case 'PrimaIdClaimed':
      return opened(state, { kind: 'prima-claim', id, startedAt: recordedAt, primaId: event.data.primaId, abandoned: false });
    case 'PrimaIdReleased':
      return without(state, (w) => w.kind === 'prima-claim' && !w.abandoned && samePrimaId(w.primaId, event.data.primaId));
    case 'ProjectDrafted':
    case 'ProjectDraftAmended': {
      const primaId = event.type === 'ProjectDrafted' ? event.data.primaId : event.data.changes.primaId;
      const seen = atProject(state, revision);
      if (primaId === undefined) return seen;
      return without(seen, (w) => w.kind === 'prima-claim' && !w.abandoned && samePrimaId(w.primaId, primaId));
    }
    case 'ProjectImported': {
      // An import claims its PRIMA id and reserves its committed money, like a draft and an approval.
      const { primaId, committed } = event.data;
      const claimed = without(atProject(state, revision), (w) => w.kind === 'prima-claim' && !w.abandoned && samePrimaId(w.primaId, primaId));
      return without(claimed, (w) => w.kind === 'reservation' && !w.abandoned && w.purpose === 'import' && w.amount === committed);
    }
    case 'ProjectImportCorrected': {
      const { committedDifference: difference, year, fundingLine } = event.data;
      const seen = atProject(state, revision);
      if (difference > 0) return without(seen, (w) => w.kind === 'reservation' && !w.abandoned && w.purpose === 'import' && w.amount === difference);
      if (difference < 0) return owed(seen, id, recordedAt, year, fundingLine, -difference as Cents, 'import-correction');
      return seen;
    }
    case 'ProjectApproved':
      return without(atProject(state, revision), (w) => w.kind === 'reservation' && !w.abandoned && w.purpose === 'approval' && w.amount === event.data.committed);
    case 'BudgetRevisionApproved': {
      const { difference, year, fundingLine } = event.data;
      const seen = atProject(state, revision);
      if (difference > 0) return without(seen, (w) => w.kind === 'reservation' && !w.abandoned && w.purpose === 'budget-revision' && w.amount === difference);
      if (difference < 0) return owed(seen, id, recordedAt, year, fundingLine, -difference as Cents, 'budget-revision');
      return seen;
    }
    case 'ProjectCancelled':
    case 'ProjectClosed': {
      const { releasedAmount, year, fundingLine } = event.data;
      const seen = atProject(state, revision);
      if (releasedAmount <= 0) return seen;
      return owed(seen, id, recordedAt, year, fundingLine, releasedAmount, event.type === 'ProjectCancelled' ? 'cancellation' : 'closure');
    }
    case 'RefundRecorded': {
      // Only a refund after closure or cancellation is released (ADR 0018).
      const { releasedAmount, year, fundingLine } = event.data;
      const seen = atProject(state, revision);
      if (releasedAmount <= 0) return seen;
      return owed(seen, id, recordedAt, year, fundingLine, releasedAmount, 'refund');
    }
    default:
      return state;
  }
}

function evolveNothing(state: WorkflowState): WorkflowState {
  return state;
}

function atProject(state: WorkflowState, revision: number): WorkflowState {
  return { ...state, projectRevision: revision };
}

function owed(
  state: WorkflowState,
  id: string,
  startedAt: string,
  year: number,
  fundingLine: FundingLine,
  amount: Cents,
  purpose: ReleaseOwedPurpose,
): WorkflowState {
  return { ...state, open: [...state.open, { kind: 'release', id, startedAt, year, fundingLine, amount, purpose }] };
}

/**
 * Every open workflow older than the grace period gets its next step. The grace leaves a
 * command that is still running the time to finish its own steps; if it is slower still,
 * the project stream decides which of the two wins (ADR 0017).
 */
function decide(command: ReviewWorkflows, state: WorkflowState): RepairStep[] {
  const { now, graceMs } = command.data;
  const projectId = state.projectId;
  if (projectId === null) return [];
  const due = state.open.filter((w) => Date.parse(now) - Date.parse(w.startedAt) >= graceMs);
  const waited = `within ${graceMs} ms`;
  return due.map((w): RepairStep => {
    switch (w.kind) {
      case 'reservation': {
        const what = `${w.purpose === 'approval' ? 'the approval' : w.purpose === 'import' ? 'the import' : 'the budget revision'} of ${projectId} reserved USD ${formatUsd(w.amount)} in envelope ${w.year}-${w.fundingLine}`;
        const envelope = { year: w.year, fundingLine: w.fundingLine, amount: w.amount };
        return w.abandoned
          ? { type: 'ReleaseAbandonedReservation', data: { workflowId: w.id, projectId, ...envelope, reason: `${what} and was abandoned: its reservation is released` } }
          : {
              type: 'AbandonApproval',
              data: { workflowId: w.id, projectId, expectedProjectRevision: state.projectRevision, ...envelope, purpose: w.purpose, reason: `${what} but was not recorded ${waited}: abandoned` },
            };
      }
      case 'release':
        return {
          type: 'CompleteRelease',
          data: {
            workflowId: w.id,
            projectId,
            year: w.year,
            fundingLine: w.fundingLine,
            amount: w.amount,
            purpose: w.purpose,
            reason: `the ${w.purpose} of ${projectId} was recorded but USD ${formatUsd(w.amount)} was not released from envelope ${w.year}-${w.fundingLine} ${waited}: released now`,
          },
        };
      case 'prima-claim':
        return w.abandoned
          ? { type: 'ReleaseAbandonedClaim', data: { workflowId: w.id, projectId, primaId: w.primaId, reason: `the draft of ${projectId} with PRIMA id ${w.primaId} was abandoned: the id is released` } }
          : {
              type: 'AbandonDraft',
              data: { workflowId: w.id, projectId, expectedProjectRevision: state.projectRevision, primaId: w.primaId, reason: `PRIMA id ${w.primaId} was claimed for ${projectId} but the draft was not recorded ${waited}: abandoned` },
            };
    }
  });
}

export const workflowDecider: Decider<ReviewWorkflows, WorkflowMessage, WorkflowState> = { initialState, evolve, decide };

/** What an envelope's readers are told while a repair of it is pending. */
export interface PendingRepair {
  workflowId: string;
  projectId: string;
  /** reservation: held for an approval not (yet) recorded; release: owed after a recorded cancellation, closure or lowering. */
  kind: 'reservation' | 'release';
  purpose: string;
  amount: Cents;
  year: number;
  fundingLine: FundingLine;
  since: string;
}

export function pendingEnvelopeRepairs(state: WorkflowState): PendingRepair[] {
  return state.open.flatMap((w) =>
    w.kind === 'prima-claim'
      ? []
      : [{ workflowId: w.id, projectId: state.projectId ?? '', kind: w.kind, purpose: w.purpose, amount: w.amount, year: w.year, fundingLine: w.fundingLine, since: w.startedAt }],
  );
}

/** The decider's `decide`, typed as what it returns: only steps. */
export const decideRepairs: (command: ReviewWorkflows, state: WorkflowState) => RepairStep[] = decide;
