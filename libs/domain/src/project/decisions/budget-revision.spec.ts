import type { BudgetBreakdown } from '../commands.js';
import type { ProjectEvent } from '../events.js';
import { disbursed, extensionRequested, historyTo, revisionRequested, spent } from '../testing/project-history.js';
import { APPROVER, AT, DRAFTER, TOTAL, command, policy, spec, usd } from '../testing/project-fixtures.js';

const budgetOf = (staff: string, operational: string): BudgetBreakdown => ({ staffAndOfficeCosts: usd(staff), operationalCosts: usd(operational) });
const RAISED = budgetOf('12000.00', '33000.00'); // USD 45,000.00
const LOWERED = budgetOf('9000.00', '21000.00'); // USD 30,000.00
const REASON = 'Exchange-rate loss on the workshop venue';

const request = (budget: BudgetBreakdown, requestId = 'rev-1') => command('RequestBudgetRevision', { requestId, budget }, { reason: REASON });
const approve = (requestId = 'rev-1', by = APPROVER, options = {}) => command('ApproveBudgetRevision', { requestId }, { by, ...options });
const reject = (requestId = 'rev-1') => command('RejectBudgetRevision', { requestId }, { by: APPROVER, reason: 'Not justified' });

const pending = (budget: BudgetBreakdown, history: ProjectEvent[] = historyTo('active')) => [...history, revisionRequested('rev-1', budget)];

describe('requesting a budget revision (rule 10)', () => {
  it('records the request with its reason and new total', () => {
    spec
      .given(historyTo('active'))
      .when(request(RAISED))
      .then([
        {
          type: 'BudgetRevisionRequested',
          data: { requestId: 'rev-1', budget: RAISED, budgetTotal: usd('45000.00'), requestedBy: DRAFTER, reason: REASON, at: AT.now, effectiveOn: '2019-06-03' },
        },
      ]);
  });

  it('holds the request as pending; nothing changes until it is approved', () => {
    spec.given(historyTo('active')).when(request(RAISED)).thenEvents((_, state) => {
      expect(state).toMatchObject({ committed: TOTAL, budgetTotal: TOTAL, pendingBudgetRevision: { requestId: 'rev-1', budgetTotal: usd('45000.00') } });
    });
  });

  it.each(['approved', 'suspended'] as const)('may be requested while %s', (status) => {
    spec.given(historyTo(status)).when(request(RAISED)).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a second revision while one is pending', () => {
    spec.given(pending(RAISED)).when(request(LOWERED, 'rev-2')).thenThrows('request.already-pending');
  });

  it('refuses an id already used by another request', () => {
    spec.given([...historyTo('active'), extensionRequested('rev-1', '2020-06-30')]).when(request(RAISED)).thenThrows('request.duplicate');
    spec.given([...pending(RAISED), { type: 'BudgetRevisionRejected', data: { requestId: 'rev-1', rejectedBy: APPROVER, reason: 'No', at: AT.now, effectiveOn: '2019-06-03' } }])
      .when(request(LOWERED))
      .thenThrows('request.duplicate');
  });

  it('refuses a blank request id', () => {
    spec.given(historyTo('active')).when(request(RAISED, '')).thenThrows('request.invalid');
  });

  it('refuses a malformed budget', () => {
    spec.given(historyTo('active')).when(request({ staffAndOfficeCosts: usd('1.00'), operationalCosts: -5 as never })).thenThrows('revision.invalid');
  });

  it('refuses a revision to the current budget', () => {
    spec.given(historyTo('active')).when(request(budgetOf('10000.00', '27887.00'))).thenThrows('revision.no-change');
  });

  it('accepts a new breakdown of the same total', () => {
    spec.given(historyTo('active')).when(request(budgetOf('5000.00', '32887.00'))).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('holds the revised budget to rule 2 and rule 3', () => {
    spec.given(historyTo('active')).when(request(budgetOf('20000.00', '30000.00'))).thenThrows('budget.staff-costs-exceeded');
    spec.given(historyTo('active')).when(request(budgetOf('30000.00', '70000.01'))).thenThrows('budget.ceiling-exceeded');
  });

  it('refuses a budget below what was already disbursed or spent', () => {
    spec.given([...historyTo('active'), disbursed('d-1', usd('30000.01'))]).when(request(LOWERED)).thenThrows('revision.below-flows');
    spec.given([...historyTo('active'), disbursed('d-1', usd('35000.00')), spent('e-1', usd('30000.01'))]).when(request(LOWERED)).thenThrows('revision.below-flows');
  });

  it('accepts a budget equal to what was disbursed', () => {
    spec.given([...historyTo('active'), disbursed('d-1', usd('30000.00'))]).when(request(LOWERED)).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('needs a reason', () => {
    spec.given(historyTo('active')).when(command('RequestBudgetRevision', { requestId: 'rev-1', budget: RAISED })).thenThrows('reason.required');
  });
});

describe('approving a budget revision', () => {
  it('raises the committed budget and tells the envelope to reserve the difference', () => {
    spec
      .given(pending(RAISED))
      .when(approve())
      .then([
        {
          type: 'BudgetRevisionApproved',
          data: {
            requestId: 'rev-1',
            approvedBy: APPROVER,
            previousCommitted: TOTAL,
            newCommitted: usd('45000.00'),
            difference: usd('7113.00'),
            budget: RAISED,
            year: 2019,
            fundingLine: 1,
            at: AT.now, effectiveOn: '2019-06-03',
          },
        },
      ]);
  });

  it('lowers the committed budget and tells the envelope to release the difference', () => {
    spec.given(pending(LOWERED)).when(approve()).thenEvents(([event], state) => {
      expect(event!.data).toMatchObject({ previousCommitted: TOTAL, newCommitted: usd('30000.00'), difference: -usd('7887.00') });
      expect(state).toMatchObject({ committed: usd('30000.00'), budgetTotal: usd('30000.00'), budget: LOWERED, decidedRequestIds: ['rev-1'] });
      expect(state).not.toHaveProperty('pendingBudgetRevision');
    });
  });

  it('refuses an approval by the person who requested it', () => {
    spec.given(pending(RAISED)).when(approve('rev-1', DRAFTER)).thenThrows('approval.four-eyes');
  });

  it('refuses to approve a request that does not exist or was already decided', () => {
    spec.given(pending(RAISED)).when(approve('rev-9')).thenThrows('request.not-found');
    spec.given([...historyTo('active'), extensionRequested('ext-1', '2020-06-30')]).when(approve('ext-1')).thenThrows('request.not-found');
    spec.given(pending(RAISED)).when(approve()).thenEvents((events) => {
      spec.given([...pending(RAISED), ...events]).when(approve('rev-1', 'ap-other')).thenThrows('request.already-decided');
    });
  });

  it('checks the ceiling again against the policy of the day', () => {
    const tight = { ...policy, ceilings: { ...policy.ceilings, 1: { ...policy.ceilings[1], national: usd('40000.00') } } };
    spec.given(pending(RAISED)).when(approve('rev-1', APPROVER, { policy: tight })).thenThrows('budget.ceiling-exceeded');
  });

  it('checks the flows again: money may have been disbursed since the request', () => {
    spec.given([...pending(LOWERED), disbursed('d-1', usd('35000.00'))]).when(approve()).thenThrows('revision.below-flows');
  });

  it('lets disbursements go up to the revised budget (rule 9)', () => {
    spec.given(pending(RAISED)).when(approve()).thenEvents((events) => {
      const revised = [...pending(RAISED), ...events];
      const disburse = (amount: string) => command('RecordDisbursement', { transactionId: 'd-1', amount: usd(amount), valueDate: '2019-06-03' });
      spec.given(revised).when(disburse('45000.00')).thenEvents((accepted) => expect(accepted).toHaveLength(1));
      spec.given(revised).when(disburse('45000.01')).thenThrows('disbursement.exceeds-budget');
    });
  });
});

describe('rejecting a budget revision', () => {
  it('records the rejection and clears the pending request', () => {
    spec.given(pending(RAISED)).when(reject()).thenEvents((events, state) => {
      expect(events).toEqual([{ type: 'BudgetRevisionRejected', data: { requestId: 'rev-1', rejectedBy: APPROVER, reason: 'Not justified', at: AT.now, effectiveOn: '2019-06-03' } }]);
      expect(state).toMatchObject({ committed: TOTAL, decidedRequestIds: ['rev-1'] });
      expect(state).not.toHaveProperty('pendingBudgetRevision');
    });
  });

  it('refuses to reject an unknown request', () => {
    spec.given(pending(RAISED)).when(reject('rev-2')).thenThrows('request.not-found');
  });
});
