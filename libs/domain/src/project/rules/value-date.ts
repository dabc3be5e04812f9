import type { CalendarDate } from '../../calendar/calendar-date.js';
import { DomainError } from '../../shared/domain-error.js';
import type { Project, TransactionKind } from '../state.js';

/**
 * Value dates (DOMAIN.md "Business dates"): money moves on a day that has come, a
 * disbursement (a refund too: a negative disbursement) not before the project's approval,
 * an expenditure not before its actual start. Compared with business dates, never with
 * the instants things were keyed in.
 */
export function assertValueDateAllowed(kind: TransactionKind, valueDate: CalendarDate, project: Project, today: CalendarDate): void {
  if (valueDate > today) {
    throw new DomainError('transaction.value-date-in-future', `the value date ${valueDate} is after today, ${today}`, 'invalid', [
      { field: 'valueDate', message: `must not be after ${today}` },
    ]);
  }
  if (kind === 'disbursement' && project.approvedOn !== undefined && valueDate < project.approvedOn) {
    throw new DomainError(
      'disbursement.before-approval',
      `${project.projectId} was approved on ${project.approvedOn}; nothing can be disbursed to it on ${valueDate}`,
      'conflict',
      [{ field: 'valueDate', message: `must not be before the approval, ${project.approvedOn}` }],
    );
  }
  if (kind === 'expenditure' && project.actualStartDate !== undefined && valueDate < project.actualStartDate) {
    throw new DomainError(
      'expenditure.before-start',
      `${project.projectId} started on ${project.actualStartDate}; nothing can be spent on ${valueDate}`,
      'conflict',
      [{ field: 'valueDate', message: `must not be before the actual start, ${project.actualStartDate}` }],
    );
  }
}
