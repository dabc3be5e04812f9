import { CLIENT_ID_RULE } from '../../shared/client-id.js';
import { todayOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import { formatUsd, subtractCents, type Cents } from '../../shared/money.js';
import { DomainError } from '../../shared/domain-error.js';
import type { CorrectTransaction, RecordDisbursement, RecordExpenditure, RecordRefund } from '../commands.js';
import type { DisbursementRecorded, ExpenditureRecorded, RefundRecorded, TransactionCorrected } from '../events.js';
import { assertFlowWithinBudget } from '../rules/flows.js';
import { assertRefundWithinUnspent, releasedByRefund } from '../rules/unspent-balance.js';
import { assertValueDateAllowed } from '../rules/value-date.js';
import type { Project, Transaction, TransactionKind } from '../state.js';
import { actorOf, invalid, isLocalId, optionalText, stampOf, stampWithReason } from './command-context.js';

export function recordDisbursement(command: RecordDisbursement, project: Project): DisbursementRecorded[] {
  return [{ type: 'DisbursementRecorded', data: recordedFlow(command, project, 'disbursement') }];
}

export function recordExpenditure(command: RecordExpenditure, project: Project): ExpenditureRecorded[] {
  return [{ type: 'ExpenditureRecorded', data: recordedFlow(command, project, 'expenditure') }];
}

/**
 * Unspent money returned: a negative disbursement of at most the unspent balance. After
 * closure or cancellation it is released to the envelope at once (ADR 0018).
 */
export function recordRefund(command: RecordRefund, project: Project): RefundRecorded[] {
  // A negative disbursement: dated like one (not before the approval, not after today).
  assertNewTransaction(command, project, 'disbursement');
  const { transactionId, amount, valueDate } = command.data;
  assertRefundWithinUnspent(project, amount);
  const reference = optionalText(command.data.reference);
  return [
    {
      type: 'RefundRecorded',
      data: {
        transactionId,
        amount,
        valueDate,
        ...(reference === undefined ? {} : { reference }),
        recordedBy: actorOf(command),
        releasedAmount: releasedByRefund(project, amount),
        year: project.year,
        fundingLine: project.fundingLine,
        ...stampOf(command, 'recording a refund'),
      },
    },
  ];
}

/** A disbursement (IATI type 3) or an expenditure (type 4): a positive amount, within rule 9. */
function recordedFlow(command: RecordDisbursement | RecordExpenditure, project: Project, kind: Transaction['kind'] & TransactionKind) {
  assertNewTransaction(command, project, kind);
  const { transactionId, amount, valueDate } = command.data;
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

/** The fields every new transaction has, a value date allowed for its kind, and an id not used before in the project. */
function assertNewTransaction(command: RecordDisbursement | RecordExpenditure | RecordRefund, project: Project, valueDateKind: TransactionKind): void {
  const { transactionId, amount, valueDate } = command.data;
  const errors = [];
  if (!isLocalId(transactionId)) errors.push({ field: 'transactionId', message: CLIENT_ID_RULE });
  if (!isWholePositive(amount)) errors.push({ field: 'amount', message: 'must be an amount of USD above 0.00' });
  if (!isCalendarDate(valueDate)) errors.push({ field: 'valueDate', message: 'expected a calendar date YYYY-MM-DD' });
  if (errors.length > 0) throw invalid('transaction.invalid', errors);
  assertValueDateAllowed(valueDateKind, valueDate, project, todayOf(command.context));
  if (Object.hasOwn(project.transactions, transactionId)) {
    throw new DomainError('transaction.duplicate', `transaction ${transactionId} is already recorded`, 'conflict');
  }
}

/** Rule 13: nothing is edited; a correction is a new event that compensates the difference. */
export function correctTransaction(command: CorrectTransaction, project: Project): TransactionCorrected[] {
  const stamp = stampWithReason(command, 'correcting a transaction');
  const { transactionId, correctedAmount } = command.data;
  const transaction = Object.hasOwn(project.transactions, transactionId) ? project.transactions[transactionId] : undefined;
  if (!transaction) {
    throw new DomainError('transaction.not-found', `no transaction ${transactionId} in ${project.projectId}`, 'not-found');
  }
  if (transaction.kind === 'refund') {
    // A refund may have been released to the envelope already (ADR 0018): undoing it would
    // have to reserve again. A wrong refund is set right by a disbursement or another refund.
    throw new DomainError(
      'correction.refund',
      `transaction ${transactionId} is a refund, which is not corrected: record a disbursement for money refunded too much, or another refund for money refunded too little`,
      'conflict',
    );
  }
  if (!Number.isSafeInteger(correctedAmount) || correctedAmount < 0) {
    throw invalid('transaction.invalid', [{ field: 'correctedAmount', message: 'must be an amount of USD, 0.00 or more' }]);
  }
  if (correctedAmount === transaction.amount) {
    throw new DomainError('correction.no-change', `transaction ${transactionId} already amounts to USD ${formatUsd(correctedAmount)}`, 'invalid');
  }
  const kind: TransactionKind = transaction.kind;
  const difference = subtractCents(correctedAmount, transaction.amount);
  assertFlowWithinBudget(project, kind, difference);
  return [
    {
      type: 'TransactionCorrected',
      data: {
        transactionId,
        kind,
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
