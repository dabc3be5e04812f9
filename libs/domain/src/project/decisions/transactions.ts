import { CLIENT_ID_RULE } from '../../shared/client-id.js';
import { todayOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import { formatUsd, subtractCents, type Cents } from '../../shared/money.js';
import { DomainError } from '../../shared/domain-error.js';
import type { CorrectTransaction, RecordDisbursement, RecordExpenditure } from '../commands.js';
import type { DisbursementRecorded, ExpenditureRecorded, TransactionCorrected } from '../events.js';
import { assertFlowWithinBudget } from '../rules/flows.js';
import { assertValueDateAllowed } from '../rules/value-date.js';
import type { Project, Transaction } from '../state.js';
import { actorOf, invalid, isLocalId, optionalText, stampOf, stampWithReason } from './command-context.js';

export function recordDisbursement(command: RecordDisbursement, project: Project): DisbursementRecorded[] {
  return [{ type: 'DisbursementRecorded', data: recordedFlow(command, project, 'disbursement') }];
}

export function recordExpenditure(command: RecordExpenditure, project: Project): ExpenditureRecorded[] {
  return [{ type: 'ExpenditureRecorded', data: recordedFlow(command, project, 'expenditure') }];
}

/** A disbursement (IATI type 3) or an expenditure (type 4): a positive amount, within rule 9. */
function recordedFlow(command: RecordDisbursement | RecordExpenditure, project: Project, kind: Transaction['kind']) {
  const { transactionId, amount, valueDate } = command.data;
  const errors = [];
  if (!isLocalId(transactionId)) errors.push({ field: 'transactionId', message: CLIENT_ID_RULE });
  if (!isWholePositive(amount)) errors.push({ field: 'amount', message: 'must be an amount of USD above 0.00' });
  if (!isCalendarDate(valueDate)) errors.push({ field: 'valueDate', message: 'expected a calendar date YYYY-MM-DD' });
  if (errors.length > 0) throw invalid('transaction.invalid', errors);
  assertValueDateAllowed(kind, valueDate, project, todayOf(command.context));
  if (Object.hasOwn(project.transactions, transactionId)) {
    throw new DomainError('transaction.duplicate', `transaction ${transactionId} is already recorded`, 'conflict');
  }
  assertFlowWithinBudget(project, kind, amount);
  const reference = optionalText(command.data.reference);
  return {
    transactionId,
    amount,
    valueDate,
    ...(reference === undefined ? {} : { reference }),
    recordedBy: actorOf(command),
    ...stampOf(command, `recording a ${kind}`),
  };
}

/** Rule 13: nothing is edited; a correction is a new event that compensates the difference. */
export function correctTransaction(command: CorrectTransaction, project: Project): TransactionCorrected[] {
  const stamp = stampWithReason(command, 'correcting a transaction');
  const { transactionId, correctedAmount } = command.data;
  const transaction = Object.hasOwn(project.transactions, transactionId) ? project.transactions[transactionId] : undefined;
  if (!transaction) {
    throw new DomainError('transaction.not-found', `no transaction ${transactionId} in ${project.projectId}`, 'not-found');
  }
  if (!Number.isSafeInteger(correctedAmount) || correctedAmount < 0) {
    throw invalid('transaction.invalid', [{ field: 'correctedAmount', message: 'must be an amount of USD, 0.00 or more' }]);
  }
  if (correctedAmount === transaction.amount) {
    throw new DomainError('correction.no-change', `transaction ${transactionId} already amounts to USD ${formatUsd(correctedAmount)}`, 'invalid');
  }
  const difference = subtractCents(correctedAmount, transaction.amount);
  assertFlowWithinBudget(project, transaction.kind, difference);
  return [
    {
      type: 'TransactionCorrected',
      data: {
        transactionId,
        kind: transaction.kind,
        previousAmount: transaction.amount,
        correctedAmount,
        difference,
        correctedBy: actorOf(command),
        ...stamp,
      },
    },
  ];
}

function isWholePositive(amount: unknown): amount is Cents {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0;
}
