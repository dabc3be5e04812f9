import {
  displayedShares,
  iatiActivityStatus,
  moneySplitWeights,
  splitByWeights,
  type Coverage,
  type FocalPoint,
  type FundingLine,
  type GovernmentEndorsement,
  type IatiActivityStatus,
  type PendingBudgetRevision,
  type PendingNoCostExtension,
  type Project,
  type ProjectStatus,
  type Report,
  type RecordedTransactionKind,
  type Transaction,
  unspentBalance,
} from '#domain';
import { searchTextOf } from './search-text.js';

/** One beneficiary state's part of the project's money, split by its share (largest remainder). */
export type ProjectSplit = {
  /** null: the project has no beneficiary state (global coverage). */
  state: string | null;
  budget: number;
  committed: number;
  disbursed: number;
  spent: number;
  refunded: number;
  unspentBalance: number;
};

/** A money flow a donor may see: no ids, references or people. */
export type PublicTransaction = {
  kind: RecordedTransactionKind;
  amount: number;
  /** YYYY-MM-DD */
  valueDate: string;
};

/** Everything a donor must not see, in one place the API drops. */
export type ProjectInternals = {
  draftedBy: string;
  submittedBy?: string;
  endorsedBy?: string;
  approvedBy?: string;
  statusReason?: string;
  focalPoint?: FocalPoint;
  governmentEndorsements: Record<string, GovernmentEndorsement>;
  reports: Record<string, Report>;
  pendingBudgetRevision?: PendingBudgetRevision;
  pendingNoCostExtension?: PendingNoCostExtension;
  /** By transaction id, amounts as last corrected. */
  transactions: Record<string, Transaction>;
};

export type AwaitedDecision = 'endorsement' | 'approval';

/**
 * A project in the portfolio view (collection 'projects', key = projectId). Money in integer
 * cents, dates YYYY-MM-DD, instants ISO strings (business time). Optional fields are absent,
 * never null.
 */
export type ProjectDocument = {
  projectId: string;
  primaId: string;
  title: Record<string, string>;
  description: Record<string, string>;
  thematicArea: string;
  coverage: Coverage;
  fundingLine: FundingLine;
  region: string;
  /** Shares in percent with two decimals, as shown (an equal split of three: "33.33" each; displayedShares). */
  beneficiaryStates: { code: string; share: string }[];
  stateCodes: string[];
  plannedStartDate: string;
  plannedEndDate: string;
  currentEndDate: string;
  actualStartDate?: string;
  actualEndDate?: string;
  year: number;
  status: ProjectStatus;
  iatiActivityStatus: IatiActivityStatus;
  /** The budget total as currently approved or proposed. */
  budget: number;
  staffAndOfficeCosts: number;
  operationalCosts: number;
  /** Approved budget as revised, less what closure, cancellation and later refunds released (ADR 0018). */
  committed: number;
  /** Net of refunds. */
  disbursed: number;
  spent: number;
  /** Unspent money returned (negative disbursements), in total. */
  refunded: number;
  /** disbursed − spent (never below 0): what the partner still holds. */
  unspentBalance: number;
  /** One per beneficiary state, in the project's order; each amount adds up to the project's. */
  splits: ProjectSplit[];
  /** Disbursements and expenditures by value date (then transaction id). */
  transactionsPublic: PublicTransaction[];
  searchText: string;
  awaiting?: AwaitedDecision;
  awaitingSince?: string;
  draftedAt: string;
  submittedAt?: string;
  approvedAt?: string;
  statusChangedAt: string;
  lastEventAt: string;
  /** The stream revision of the last event applied. */
  revision: number;
  internal: ProjectInternals;
  /** The project as the domain folds it; the next event is folded into this. */
  _state: Project;
};

const AWAITED: Partial<Record<ProjectStatus, AwaitedDecision>> = {
  submitted: 'endorsement',
  endorsed: 'approval',
  retained: 'approval',
};

/**
 * The view of a project, entirely derived from its folded state and the last event's place.
 * `previous`, the view before that event, only saves work: its search text is kept when the
 * texts it is made of are the very ones the fold carried over (most events change neither
 * the titles nor the descriptions, and normalising six languages' texts was a tenth of a
 * rebuild's JavaScript).
 */
export function projectDocumentOf(project: Project, last: { at: string; revision: number }, previous?: ProjectDocument): ProjectDocument {
  const awaiting = AWAITED[project.status];
  return {
    projectId: project.projectId,
    primaId: project.primaId,
    title: project.title,
    description: project.description,
    thematicArea: project.thematicArea,
    coverage: project.coverage,
    fundingLine: project.fundingLine,
    region: project.region,
    beneficiaryStates: beneficiaryStatesShown(project),
    stateCodes: project.beneficiaryStates.map(({ code }) => code),
    plannedStartDate: project.plannedStartDate,
    plannedEndDate: project.plannedEndDate,
    currentEndDate: project.currentEndDate,
    ...optional('actualStartDate', project.actualStartDate),
    ...optional('actualEndDate', project.actualEndDate),
    year: project.year,
    status: project.status,
    iatiActivityStatus: iatiActivityStatus(project.status),
    budget: project.budgetTotal,
    staffAndOfficeCosts: project.budget.staffAndOfficeCosts,
    operationalCosts: project.budget.operationalCosts,
    committed: project.committed,
    disbursed: project.disbursed,
    spent: project.spent,
    refunded: project.refunded ?? 0,
    unspentBalance: unspentBalance(project),
    splits: splitsOf(project),
    transactionsPublic: publicTransactionsOf(project),
    searchText: sameTexts(previous?._state, project) ? previous!.searchText : searchTextOf(project),
    // The queue shows how long a project has waited in its current status (a retained
    // project: since it was retained).
    ...(awaiting === undefined ? {} : { awaiting, awaitingSince: project.statusChangedAt }),
    draftedAt: project.draftedAt,
    ...optional('submittedAt', project.submittedAt),
    ...optional('approvedAt', project.approvedAt),
    statusChangedAt: project.statusChangedAt,
    lastEventAt: last.at,
    revision: last.revision,
    internal: internalsOf(project),
    _state: project,
  };
}

function beneficiaryStatesShown(project: Project): ProjectDocument['beneficiaryStates'] {
  const shown = displayedShares(project.beneficiaryStates.map(({ share }) => share));
  return project.beneficiaryStates.map(({ code }, index) => ({ code, share: shown[index]! }));
}

/**
 * Each amount split over the beneficiary states by their shares — exactly equally when no
 * share was given (moneySplitWeights) — in whole cents, remainder cents by largest remainder:
 * the parts of every amount add up to it exactly. A global project with no beneficiary state
 * has one split with `state: null` (the "global" group of the by-state summary), so that money
 * grouped by beneficiary state still adds up to the total.
 */
function splitsOf(project: Project): ProjectSplit[] {
  const shares = moneySplitWeights(project.beneficiaryStates.map(({ share }) => share));
  const refundedTotal = project.refunded ?? 0;
  const unspentTotal = unspentBalance(project);
  if (shares.length === 0) {
    const { budgetTotal: budget, committed, disbursed, spent } = project;
    return [{ state: null, budget, committed, disbursed, spent, refunded: refundedTotal, unspentBalance: unspentTotal }];
  }
  const budget = splitByWeights(project.budgetTotal, shares);
  const committed = splitByWeights(project.committed, shares);
  const disbursed = splitByWeights(project.disbursed, shares);
  const spent = splitByWeights(project.spent, shares);
  const refunded = splitByWeights(refundedTotal, shares);
  const unspent = splitByWeights(unspentTotal, shares);
  return project.beneficiaryStates.map(({ code }, index) => ({
    state: code,
    budget: budget[index]!,
    committed: committed[index]!,
    disbursed: disbursed[index]!,
    spent: spent[index]!,
    refunded: refunded[index]!,
    unspentBalance: unspent[index]!,
  }));
}

/** Whether the search text of `before` is that of `after`: the same ids and the same text objects. */
function sameTexts(before: Project | undefined, after: Project): boolean {
  return (
    before !== undefined &&
    before.projectId === after.projectId &&
    before.primaId === after.primaId &&
    before.title === after.title &&
    before.description === after.description
  );
}

function publicTransactionsOf(project: Project): PublicTransaction[] {
  return Object.entries(project.transactions)
    .sort(([idA, a], [idB, b]) => compare(a.valueDate, b.valueDate) || compare(idA, idB))
    .map(([, { kind, amount, valueDate }]) => ({ kind, amount, valueDate }));
}

function internalsOf(project: Project): ProjectInternals {
  return {
    draftedBy: project.draftedBy,
    ...optional('submittedBy', project.submittedBy),
    ...optional('endorsedBy', project.endorsedBy),
    ...optional('approvedBy', project.approvedBy),
    ...optional('statusReason', project.statusReason),
    ...optional('focalPoint', project.focalPoint),
    governmentEndorsements: project.governmentEndorsements,
    reports: project.reports,
    ...optional('pendingBudgetRevision', project.pendingBudgetRevision),
    ...optional('pendingNoCostExtension', project.pendingNoCostExtension),
    transactions: project.transactions,
  };
}

/** `{ [key]: value }` when there is a value, `{}` otherwise: documents never hold undefined. */
function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
