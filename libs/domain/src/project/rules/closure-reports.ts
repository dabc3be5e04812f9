import { addDays, addMonths, type CalendarDate } from '../../calendar/calendar-date.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ReportKind } from '../commands.js';
import type { Project } from '../state.js';

/**
 * Rule 11's threshold, counting both ends: a project running 2019-01-01 to 2019-12-31
 * lasts exactly 12 months. Months are calendar months (start + 12 months, clamped to a
 * shorter month's end), so the answer does not depend on how many days a year has.
 */
export function lastsTwelveMonthsOrMore(start: CalendarDate, end: CalendarDate): boolean {
  return addMonths(start, 12) <= addDays(end, 1);
}

/** The reports that must be accepted before closing (rule 11). */
export function closureReportsRequired(project: Project): ReportKind[] {
  const start = project.actualStartDate ?? project.plannedStartDate;
  const longProject = lastsTwelveMonthsOrMore(start, project.currentEndDate);
  return longProject ? ['final-narrative', 'final-financial', 'interim'] : ['final-narrative', 'final-financial'];
}

export function missingClosureReports(project: Project): ReportKind[] {
  const accepted = new Set(
    Object.values(project.reports)
      .filter((report) => report.status === 'accepted')
      .map((report) => report.kind),
  );
  return closureReportsRequired(project).filter((kind) => !accepted.has(kind));
}

export function assertClosureReportsAccepted(project: Project): void {
  const missing = missingClosureReports(project);
  if (missing.length > 0) {
    throw new DomainError(
      'closure.reports-missing',
      `${project.projectId} cannot be closed before these reports are accepted: ${missing.join(', ')}`,
      'conflict',
    );
  }
}
