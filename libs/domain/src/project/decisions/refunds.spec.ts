import { fold } from '../../shared/decider.js';
import type { ProjectEvent } from '../events.js';
import { projectDecider } from '../project-decider.js';
import type { Project } from '../state.js';
import { closureReports, completed, disbursed, historyTo, refunded, spent } from '../testing/project-history.js';
import { APPROVER, AT, TOTAL, command, spec, usd } from '../testing/project-fixtures.js';

const FINANCE = 'farid';
const refund = (amount: number, transactionId = 'r-1', extra: { reference?: string; valueDate?: string; reason?: string } = {}) =>
  command(
    'RecordRefund',
    { transactionId, amount: amount as never, valueDate: extra.valueDate ?? '2020-05-05', ...(extra.reference ? { reference: extra.reference } : {}) },
    { by: FINANCE, at: AT.closing, ...(extra.reason === undefined ? {} : { reason: extra.reason }) },
  );
const close = (reason?: string) => command('CloseProject', {}, { by: APPROVER, at: AT.closing, ...(reason === undefined ? {} : { reason }) });
const stateAfter = (events: ProjectEvent[]) => fold(projectDecider, events) as Project;

/** USD 30,000.00 disbursed, 25,000.00 spent: 5,000.00 unspent at the partner. */
const withFlows = (status: 'active' | 'completed') => [
  ...historyTo('active'),
  disbursed('d-1', usd('30000.00')),
  spent('e-1', usd('25000.00')),
  ...(status === 'completed' ? [completed(), ...closureReports()] : []),
];

/** A ProjectClosed exactly as the service recorded it before refunds existed: no unspentBalance. */
const closedAsRecordedBefore: ProjectEvent = {
  type: 'ProjectClosed',
  data: {
    closedBy: APPROVER,
    committed: TOTAL,
    disbursed: usd('30000.00'),
    releasedAmount: usd('7887.00'),
    year: 2019,
    fundingLine: 1,
    at: AT.closing,
    reason: 'Balance kept by the partner',
  },
};
const cancelledAsRecordedBefore: ProjectEvent = {
  type: 'ProjectCancelled',
  data: {
    cancelledBy: APPROVER,
    reason: 'Government withdrew',
    committed: TOTAL,
    disbursed: usd('30000.00'),
    releasedAmount: usd('7887.00'),
    year: 2019,
    fundingLine: 1,
    at: AT.closing,
  },
};

describe('committed is what stays reserved (ADR 0018)', () => {
  it('after closure equals the net disbursed, folded from a ProjectClosed recorded before this rule', () => {
    const project = stateAfter([...withFlows('completed'), closedAsRecordedBefore]);
    expect(project).toMatchObject({ status: 'closed', budgetTotal: TOTAL, committed: usd('30000.00'), disbursed: usd('30000.00') });
  });

  it('after cancellation equals the net disbursed, folded from a ProjectCancelled recorded before this rule', () => {
    const project = stateAfter([...withFlows('active'), cancelledAsRecordedBefore]);
    expect(project).toMatchObject({ status: 'cancelled', budgetTotal: TOTAL, committed: usd('30000.00') });
  });

  it('after cancelling with nothing disbursed is zero, while the approved budget stays known', () => {
    const project = stateAfter(historyTo('cancelled'));
    expect(project).toMatchObject({ committed: 0, budgetTotal: TOTAL });
  });
});

describe('recording a refund of unspent money (a negative disbursement)', () => {
  it('lowers disbursed while the project runs, and keeps the money reserved for it', () => {
    spec
      .given(withFlows('active'))
      .when(refund(usd('1200.50'), 'r-1', { reference: ' RET-77 ', reason: 'Workshop cancelled' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'RefundRecorded',
            data: {
              transactionId: 'r-1',
              amount: usd('1200.50'),
              valueDate: '2020-05-05',
              reference: 'RET-77',
              recordedBy: FINANCE,
              releasedAmount: 0,
              year: 2019,
              fundingLine: 1,
              at: AT.closing,
              effectiveOn: '2020-06-01',
              reason: 'Workshop cancelled',
            },
          },
        ]);
        expect(state).toMatchObject({ committed: TOTAL, disbursed: usd('28799.50'), spent: usd('25000.00'), refunded: usd('1200.50') });
        expect((state as Project).transactions['r-1']).toEqual({
          kind: 'refund',
          amount: usd('1200.50'),
          valueDate: '2020-05-05',
          reference: 'RET-77',
          recordedBy: FINANCE,
        });
      });
  });

  it('refunds the whole unspent balance, and not one cent more', () => {
    spec.given(withFlows('active')).when(refund(usd('5000.00'))).thenEvents((_, state) => expect(state).toMatchObject({ disbursed: usd('25000.00') }));
    const error = spec.given(withFlows('active')).when(refund(usd('5000.01'))).thenThrows('refund.exceeds-unspent');
    expect(error.kind).toBe('conflict');
    expect(error.detail).toContain('5000.01');
    expect(error.detail).toContain('5000.00');
  });

  it('counts earlier refunds: what was refunded is no longer unspent', () => {
    spec.given([...withFlows('active'), refunded('r-1', usd('4000.00'))]).when(refund(usd('1000.01'), 'r-2')).thenThrows('refund.exceeds-unspent');
    spec.given([...withFlows('active'), refunded('r-1', usd('4000.00'))]).when(refund(usd('1000.00'), 'r-2')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it.each([
    ['a zero amount', refund(0)],
    ['a negative amount', refund(-100)],
    ['a fraction of a cent', refund(100.5)],
    ['an impossible value date', refund(100, 'r-1', { valueDate: '2020-02-30' })],
    ['a blank transaction id', refund(100, ' ')],
  ])('refuses %s', (_, cmd) => {
    spec.given(withFlows('active')).when(cmd).thenThrows('transaction.invalid');
  });

  it('refuses a transaction id already used by a disbursement', () => {
    spec.given(withFlows('active')).when(refund(100, 'd-1')).thenThrows('transaction.duplicate');
  });

  it.each(['draft', 'submitted', 'approved', 'rejected'] as const)('refuses a refund while the project is %s', (status) => {
    spec.given(historyTo(status)).when(refund(100)).thenThrows('transition.not-allowed');
  });

  it('releases a refund after closure at once: committed falls with disbursed', () => {
    spec
      .given([...withFlows('completed'), closedAsRecordedBefore])
      .when(refund(usd('5000.00')))
      .thenEvents((events, state) => {
        expect(events[0]!.data).toMatchObject({ amount: usd('5000.00'), releasedAmount: usd('5000.00'), year: 2019, fundingLine: 1 });
        expect(state).toMatchObject({ status: 'closed', committed: usd('25000.00'), disbursed: usd('25000.00'), refunded: usd('5000.00') });
      });
  });

  it('releases a refund after cancellation at once', () => {
    spec
      .given([...withFlows('active'), cancelledAsRecordedBefore])
      .when(refund(usd('2000.00')))
      .thenEvents((events, state) => {
        expect(events[0]!.data).toMatchObject({ releasedAmount: usd('2000.00') });
        expect(state).toMatchObject({ status: 'cancelled', committed: usd('28000.00'), disbursed: usd('28000.00') });
      });
  });

  it('refuses to correct a refund: it may already be back in the envelope', () => {
    const error = spec
      .given([...withFlows('active'), refunded('r-1', usd('1000.00'))])
      .when(command('CorrectTransaction', { transactionId: 'r-1', correctedAmount: usd('900.00') as never }, { by: FINANCE, at: AT.closing, reason: 'Typo' }))
      .thenThrows('correction.refund');
    expect(error.kind).toBe('conflict');
  });
});

describe('closing with an unspent balance', () => {
  it('is refused without a reason, naming the balance and both ways out', () => {
    const error = spec.given(withFlows('completed')).when(close()).thenThrows('closure.unspent-balance');
    expect(error.kind).toBe('conflict');
    expect(error.detail).toContain('USD 5000.00');
    expect(error.detail).toContain('refund');
    expect(error.detail).toContain('reason');
  });

  it('closes with a reason and records the unspent balance', () => {
    spec
      .given(withFlows('completed'))
      .when(close('The partner keeps the balance for the follow-up phase'))
      .thenEvents((events, state) => {
        expect(events[0]!.data).toMatchObject({ unspentBalance: usd('5000.00'), releasedAmount: usd('7887.00'), reason: 'The partner keeps the balance for the follow-up phase' });
        expect(state).toMatchObject({ committed: usd('30000.00'), disbursed: usd('30000.00') });
      });
  });

  it('closes without a reason once the balance is refunded; committed then equals the net disbursed', () => {
    spec
      .given([...withFlows('completed'), refunded('r-1', usd('5000.00'))])
      .when(close())
      .thenEvents((events, state) => {
        expect(events[0]!.data).not.toHaveProperty('unspentBalance');
        expect(events[0]!.data).toMatchObject({ disbursed: usd('25000.00'), releasedAmount: usd('12887.00') });
        const project = state as Project;
        expect(project.committed).toBe(project.disbursed);
        expect(project.committed).toBe(usd('25000.00'));
      });
  });
});
