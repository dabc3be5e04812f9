import { cents } from '../../shared/money.js';
import type { Project } from '../state.js';
import { disbursed, historyTo, spent } from '../testing/project-history.js';
import { AT, DRAFTER, TOTAL, command, spec, usd } from '../testing/project-fixtures.js';

const disburse = (amount: number, transactionId = 'd-1', extra: { reference?: string; valueDate?: string } = {}) =>
  command('RecordDisbursement', { transactionId, amount: amount as never, valueDate: extra.valueDate ?? '2019-06-03', ...(extra.reference ? { reference: extra.reference } : {}) });
const spend = (amount: number, transactionId = 'e-1') =>
  command('RecordExpenditure', { transactionId, amount: amount as never, valueDate: '2019-06-03' });
const correct = (transactionId: string, correctedAmount: number, reason: string | undefined = 'Bank statement shows another amount') =>
  command('CorrectTransaction', { transactionId, correctedAmount: correctedAmount as never }, reason === undefined ? {} : { reason });

describe('recording disbursements and expenditures', () => {
  it('records a disbursement (IATI transaction type 3)', () => {
    spec
      .given(historyTo('active'))
      .when(disburse(usd('20000.00'), 'd-1', { reference: ' WIRE-2019-0611 ' }))
      .then([
        {
          type: 'DisbursementRecorded',
          data: { transactionId: 'd-1', amount: usd('20000.00'), valueDate: '2019-06-03', reference: 'WIRE-2019-0611', recordedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' },
        },
      ]);
  });

  it('adds disbursements and expenditures to the flows, and keeps each transaction', () => {
    spec.given([...historyTo('active'), disbursed('d-1', usd('20000.00'))]).when(spend(usd('1500.50'))).thenEvents((events, state) => {
      expect(events).toEqual([
        { type: 'ExpenditureRecorded', data: { transactionId: 'e-1', amount: usd('1500.50'), valueDate: '2019-06-03', recordedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' } },
      ]);
      expect(state).toMatchObject({ disbursed: usd('20000.00'), spent: usd('1500.50') });
      expect((state as Project).transactions['e-1']).toEqual({ kind: 'expenditure', amount: usd('1500.50'), valueDate: '2019-06-03', recordedBy: DRAFTER });
    });
  });

  it('disburses a first tranche once approved, before implementation starts', () => {
    spec.given(historyTo('approved')).when(disburse(usd('10000.00'))).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it.each([
    ['a zero amount', disburse(0)],
    ['a negative amount', disburse(-100)],
    ['a fraction of a cent', disburse(100.5)],
    ['an amount that is not a number', disburse('100.00' as never)],
    ['an impossible value date', disburse(100, 'd-1', { valueDate: '2019-06-31' })],
    ['a blank transaction id', disburse(100, '')],
  ])('refuses %s', (_, cmd) => {
    spec.given(historyTo('active')).when(cmd).thenThrows('transaction.invalid');
  });

  it('refuses a transaction id already recorded, whatever its kind', () => {
    spec.given([...historyTo('active'), disbursed('t-1', 100)]).when(disburse(100, 't-1')).thenThrows('transaction.duplicate');
    spec.given([...historyTo('active'), disbursed('t-1', 100)]).when(spend(100, 't-1')).thenThrows('transaction.duplicate');
  });
});

describe('rule 9: flows never exceed the approved budget', () => {
  it('disburses up to the committed budget, and not one cent more', () => {
    spec.given([...historyTo('active'), disbursed('d-1', usd('30000.00'))]).when(disburse(usd('7887.00'), 'd-2')).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given([...historyTo('active'), disbursed('d-1', usd('30000.00'))]).when(disburse(usd('7887.01'), 'd-2')).thenThrows('disbursement.exceeds-budget');
  });

  it('spends up to the committed budget, and not one cent more', () => {
    spec.given([...historyTo('active'), spent('e-1', usd('30000.00'))]).when(spend(usd('7887.00'), 'e-2')).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given([...historyTo('active'), spent('e-1', usd('30000.00'))]).when(spend(usd('7887.01'), 'e-2')).thenThrows('expenditure.exceeds-budget');
  });

  it('limits expenditure by the budget, not by what was disbursed so far', () => {
    spec.given([...historyTo('active'), disbursed('d-1', usd('1000.00'))]).when(spend(usd('5000.00'))).thenEvents((events) => expect(events).toHaveLength(1));
  });
});

describe('correcting a transaction (rule 13: a compensating event, never an edit)', () => {
  const withDisbursement = () => [...historyTo('active'), disbursed('d-1', usd('20000.00'))];

  it('records the correction with the difference it makes', () => {
    spec
      .given(withDisbursement())
      .when(correct('d-1', usd('18000.00')))
      .then([
        {
          type: 'TransactionCorrected',
          data: {
            transactionId: 'd-1',
            kind: 'disbursement',
            previousAmount: usd('20000.00'),
            correctedAmount: usd('18000.00'),
            difference: cents(-usd('2000.00')),
            correctedBy: DRAFTER,
            reason: 'Bank statement shows another amount',
            at: AT.now, effectiveOn: '2019-06-03',
          },
        },
      ]);
  });

  it('shows the corrected amount and flows in the state', () => {
    spec.given(withDisbursement()).when(correct('d-1', usd('18000.00'))).thenEvents((_, state) => {
      expect(state).toMatchObject({ disbursed: usd('18000.00'), transactions: { 'd-1': { amount: usd('18000.00') } } });
    });
  });

  it('may correct a transaction to zero', () => {
    spec.given(withDisbursement()).when(correct('d-1', 0)).thenEvents((_, state) => expect(state).toMatchObject({ disbursed: 0 }));
  });

  it('keeps rule 9 on corrections upwards', () => {
    spec.given(withDisbursement()).when(correct('d-1', TOTAL)).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given(withDisbursement()).when(correct('d-1', TOTAL + 1)).thenThrows('disbursement.exceeds-budget');
    spec.given([...historyTo('active'), spent('e-1', 100)]).when(correct('e-1', TOTAL + 1)).thenThrows('expenditure.exceeds-budget');
  });

  it('refuses a correction that changes nothing', () => {
    spec.given(withDisbursement()).when(correct('d-1', usd('20000.00'))).thenThrows('correction.no-change');
  });

  it('refuses a negative or fractional corrected amount', () => {
    spec.given(withDisbursement()).when(correct('d-1', -1)).thenThrows('transaction.invalid');
    spec.given(withDisbursement()).when(correct('d-1', 0.5)).thenThrows('transaction.invalid');
  });

  it('refuses to correct a transaction that does not exist', () => {
    spec.given(withDisbursement()).when(correct('d-9', 100)).thenThrows('transaction.not-found');
    spec.given(withDisbursement()).when(correct('constructor', 100)).thenThrows('transaction.not-found');
  });

  it('corrects in a suspended project, where nothing new may be disbursed', () => {
    spec.given([...withDisbursement(), { type: 'ProjectSuspended', data: { suspendedBy: 'ap-chen', reason: 'Audit', at: AT.now, effectiveOn: '2019-06-03' } }])
      .when(correct('d-1', usd('19000.00')))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});
