/**
 * What waits on a project, derived from the staff fields of its portfolio card (`internal`)
 * and the fund's today, by the domain's rules: endorsements before submission (rule 5), a
 * focal point before implementation (rule 8), reports before closing (rule 11), requests
 * awaiting a decision and the month-before-end deadline for them (rule 10).
 */
export interface StaffCard {
  projectId: string;
  title: Record<string, string>;
  status: string;
  coverage: 'national' | 'regional' | 'global';
  stateCodes: string[];
  plannedStartDate: string;
  currentEndDate: string;
  internal?: {
    draftedBy?: string;
    submittedBy?: string;
    focalPoint?: unknown;
    governmentEndorsements?: Record<string, unknown>;
    reports?: Record<string, { kind: string; status: string }>;
    pendingBudgetRevision?: unknown;
    pendingNoCostExtension?: unknown;
  };
}

export type Waiting =
  | { kind: 'endorsements'; recorded: number; needed: number }
  | { kind: 'readyToSubmit' }
  | { kind: 'focalPoint' }
  | { kind: 'reportsDue'; reports: string[] }
  | { kind: 'reportToDecide' }
  | { kind: 'requestPending' }
  | { kind: 'requestDeadline'; on: string };

/** The date a month before `date` (the same day, or the month's last when it has none). */
export function monthBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const last = new Date(Date.UTC(previous.y, previous.m, 0)).getUTCDate();
  return `${previous.y}-${String(previous.m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function monthsBetween(start: string, end: string): number {
  const [ys, ms, ds] = start.split('-').map(Number) as [number, number, number];
  const [ye, me, de] = end.split('-').map(Number) as [number, number, number];
  return (ye - ys) * 12 + (me - ms) + (de >= ds ? 0 : -1);
}

const RUNNING = new Set(['active', 'suspended', 'completed']);

export function waitingOn(card: StaffCard, today: string): Waiting[] {
  const internal = card.internal ?? {};
  const waiting: Waiting[] = [];
  if (card.status === 'draft' && card.coverage !== 'global') {
    const recorded = Object.keys(internal.governmentEndorsements ?? {}).length;
    const needed = card.coverage === 'national' ? 1 : 2;
    waiting.push(recorded < needed ? { kind: 'endorsements', recorded, needed } : { kind: 'readyToSubmit' });
  }
  if (card.status === 'draft' && card.coverage === 'global') waiting.push({ kind: 'readyToSubmit' });
  if (card.status === 'approved' && internal.focalPoint === undefined) waiting.push({ kind: 'focalPoint' });
  if (RUNNING.has(card.status)) {
    const reports = Object.values(internal.reports ?? {});
    const accepted = (kind: string) => reports.some((report) => report.kind === kind && report.status === 'accepted');
    // Reports are due from a month before the end date on, and stay due until accepted.
    if (today >= monthBefore(card.currentEndDate)) {
      const needed = ['final-narrative', 'final-financial'];
      if (monthsBetween(card.plannedStartDate, card.currentEndDate) >= 12) needed.unshift('interim');
      const missing = needed.filter((kind) => !accepted(kind));
      if (missing.length > 0) waiting.push({ kind: 'reportsDue', reports: missing });
    }
    if (reports.some((report) => report.status === 'submitted')) waiting.push({ kind: 'reportToDecide' });
  }
  if (internal.pendingBudgetRevision !== undefined || internal.pendingNoCostExtension !== undefined) waiting.push({ kind: 'requestPending' });
  if (card.status === 'active') {
    const deadline = monthBefore(card.currentEndDate);
    // Shown in the 30 days before the last day a revision or extension may be requested.
    if (today <= deadline && addDays(today, 30) >= deadline) waiting.push({ kind: 'requestDeadline', on: deadline });
  }
  return waiting;
}
