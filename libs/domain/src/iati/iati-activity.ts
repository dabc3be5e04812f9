import { effectiveOnOf } from '../calendar/business-date.js';
import type { CalendarDate } from '../calendar/calendar-date.js';
import type { MultilingualText } from '../project/commands.js';
import type { ProjectEvent } from '../project/events.js';
import { evolveProject } from '../project/evolve.js';
import { iatiActivityStatus, type IatiActivityStatus } from '../project/iati-status.js';
import { initialProjectState, type Project, type ProjectStatus } from '../project/state.js';
import type { Cents } from '../shared/money.js';
import { yearlyBudgetPeriods, type BudgetPeriod } from './budget-periods.js';
import { ACTIVITY_SCOPE, dacRegionOf, dacSectorOf } from './dac-codes.js';
import { recipientPercentages } from './recipient-percentages.js';

/** IATI TransactionType: 2 commitment, 3 disbursement, 4 expenditure. */
export type IatiTransactionType = 2 | 3 | 4;

export interface IatiTransaction {
  type: IatiTransactionType;
  /** YYYY-MM-DD: the transaction's date and its value date. */
  date: CalendarDate;
  /** Negative for a decommitment (type 2) or a refund (type 3). */
  amount: Cents;
}

/** IATI BudgetType 1 original, 2 revised; a budget per period of at most a year. */
export interface IatiBudget extends BudgetPeriod {
  type: 1 | 2;
}

/** IATI ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end. */
export interface IatiActivityDate {
  type: 1 | 2 | 3 | 4;
  date: CalendarDate;
}

/** One project as an IATI 2.03 activity: what it says, without the publisher's organisation or the XML. */
export interface IatiActivity {
  projectId: string;
  /** The project's own status: which ones are published is the publisher's rule. */
  projectStatus: ProjectStatus;
  /** ISO instant the last event was recorded at. */
  lastUpdated: string;
  title: MultilingualText;
  description: MultilingualText;
  status: IatiActivityStatus;
  dates: IatiActivityDate[];
  scope: '1' | '2' | '4';
  /** Percentages with two decimals adding up to exactly 100. */
  recipientCountries: { code: string; percentage: string }[];
  /** Only for a project with no beneficiary state: a DAC region (vocabulary 1) at 100 %. */
  recipientRegion?: { code: string; percentage: string };
  /** DAC 5-digit purpose code (vocabulary 1). */
  sector: string;
  budgets: IatiBudget[];
  /** By date; commitments first on a day. */
  transactions: IatiTransaction[];
}

/** The budget as approved or imported: what the original (type 1) budget slices. */
interface BudgetPlan {
  total: Cents;
  start: CalendarDate;
  end: CalendarDate;
}

/**
 * A project's activity, folded from its events (the source of the commitments' dates, which
 * the state does not keep) with the domain's own `evolveProject`; undefined for a stream that
 * holds no project. Transaction rules (docs/adr/0021-iati-activity-file.md):
 * - type 2: + the budget on approval, ± each approved budget revision, − what closure,
 *   cancellation and refunds after them released (ADR 0018), each on its business date;
 * - type 3: disbursements (+) and refunds (−) on their value dates, type 4: expenditures;
 *   amounts as last corrected (a correction sets a wrong amount right, it is not money moving);
 * - an imported project's committed, disbursed and spent as the list stated them: the
 *   commitment on its start (no later than the import), the flows on its end (no later than
 *   the import, no earlier than the commitment). Money recorded here afterwards as above.
 * So each type adds up to the project's committed, disbursed and spent.
 */
export function iatiActivityOf(events: readonly ProjectEvent[], sectors: Readonly<Record<string, string>>): IatiActivity | undefined {
  let state = initialProjectState();
  const commitments: IatiTransaction[] = [];
  let original: BudgetPlan | undefined;
  for (const event of events) {
    state = evolveProject(state, event);
    if (state.status === 'none') continue;
    const on = effectiveOnOf(event.data);
    switch (event.type) {
      case 'ProjectApproved':
        commitments.push({ type: 2, date: on, amount: event.data.committed });
        original ??= { total: event.data.committed, start: state.plannedStartDate, end: state.currentEndDate };
        break;
      case 'ProjectImported':
        original ??= { total: state.budgetTotal, start: state.plannedStartDate, end: state.currentEndDate };
        break;
      case 'BudgetRevisionApproved':
        if (event.data.difference !== 0) commitments.push({ type: 2, date: on, amount: event.data.difference });
        break;
      case 'ProjectClosed':
      case 'ProjectCancelled':
      case 'RefundRecorded':
        if (event.data.releasedAmount > 0) commitments.push({ type: 2, date: on, amount: -event.data.releasedAmount as Cents });
        break;
      default:
        break;
    }
  }
  if (state.status === 'none') return undefined;
  const project = state;
  const transactions = [...importedMoney(project), ...commitments, ...recordedFlows(project)]
    .filter(({ amount }) => amount !== 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.type - b.type));
  const shares = project.beneficiaryStates.map(({ share }) => share);
  const percentages = recipientPercentages(shares);
  return {
    projectId: project.projectId,
    projectStatus: project.status,
    lastUpdated: events.at(-1)!.data.at,
    title: project.title,
    description: project.description,
    status: iatiActivityStatus(project.status),
    dates: activityDates(project),
    scope: ACTIVITY_SCOPE[project.coverage],
    recipientCountries: project.beneficiaryStates.map(({ code }, index) => ({ code, percentage: percentages[index]! })),
    ...(shares.length === 0 ? { recipientRegion: { code: dacRegionOf(project.region), percentage: '100.00' } } : {}),
    sector: dacSectorOf(project.thematicArea, sectors),
    budgets: budgetsOf(project, original),
    transactions,
  };
}

/** `<reporting-org ref>-<projectId>`: IATI's rule for an identifier the reporting organisation owns. */
export function iatiIdentifier(reportingOrgRef: string, projectId: string): string {
  return `${reportingOrgRef}-${projectId}`;
}

function activityDates(project: Project): IatiActivityDate[] {
  const dates: IatiActivityDate[] = [{ type: 1, date: project.plannedStartDate }];
  if (project.actualStartDate !== undefined) dates.push({ type: 2, date: project.actualStartDate });
  // The plan as it stands: an approved no-cost extension moves the planned end.
  dates.push({ type: 3, date: project.currentEndDate });
  if (project.actualEndDate !== undefined) dates.push({ type: 4, date: project.actualEndDate });
  return dates;
}

/**
 * The original budget sliced by year over the span it was approved for; a revised one (type
 * 2) over the current span when a revision or an extension changed either.
 */
function budgetsOf(project: Project, original: BudgetPlan | undefined): IatiBudget[] {
  if (original === undefined) return [];
  const budgets: IatiBudget[] = yearlyBudgetPeriods(original.total, original.start, original.end).map((period) => ({ type: 1, ...period }));
  const current: BudgetPlan = { total: project.budgetTotal, start: project.plannedStartDate, end: project.currentEndDate };
  if (current.total !== original.total || current.start !== original.start || current.end !== original.end) {
    budgets.push(...yearlyBudgetPeriods(current.total, current.start, current.end).map((period) => ({ type: 2 as const, ...period })));
  }
  return budgets;
}

/** Disbursements (+), refunds (−) and expenditures (+) recorded in the service, as last corrected. */
function recordedFlows(project: Project): IatiTransaction[] {
  return Object.values(project.transactions).map(({ kind, amount, valueDate }) => ({
    type: kind === 'expenditure' ? 4 : 3,
    date: valueDate,
    amount: (kind === 'refund' ? -amount : amount) as Cents,
  }));
}

/**
 * What the imported list stated, dated by what the list vouches for: it knew the money was
 * committed by the start and had flowed by the end, and nothing after the day it was read.
 */
function importedMoney(project: Project): IatiTransaction[] {
  if (project.imported === undefined) return [];
  const { committed, disbursed, spent } = project.imported.fields;
  const importedOn = project.draftedOn ?? project.draftedAt.slice(0, 10);
  const start = project.actualStartDate ?? project.plannedStartDate;
  const end = project.actualEndDate ?? project.currentEndDate;
  const committedOn = earlier(start, importedOn);
  const flowedOn = later(committedOn, earlier(end, importedOn));
  return [
    { type: 2, date: committedOn, amount: committed },
    { type: 3, date: flowedOn, amount: disbursed },
    { type: 4, date: flowedOn, amount: spent },
  ];
}

const earlier = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);
const later = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);
