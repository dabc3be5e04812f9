import { extensionApproved, extensionRequested, historyTo, revisionRequested } from '../testing/project-history.js';
import { APPROVER, AT, DRAFTER, command, spec, usd } from '../testing/project-fixtures.js';

const REASON = 'The parliament postponed the hearing';
const request = (newEndDate: string, requestId = 'ext-1', at: string = AT.now) =>
  command('RequestNoCostExtension', { requestId, newEndDate }, { reason: REASON, at });
const approve = (requestId = 'ext-1', by = APPROVER) => command('ApproveNoCostExtension', { requestId }, { by });
const reject = (requestId = 'ext-1') => command('RejectNoCostExtension', { requestId }, { by: APPROVER, reason: 'Deliver on time' });

describe('requesting a no-cost extension (rule 10)', () => {
  it('records the request with the end date it would move', () => {
    spec
      .given(historyTo('active'))
      .when(request('2020-06-30'))
      .then([
        {
          type: 'NoCostExtensionRequested',
          data: { requestId: 'ext-1', currentEndDate: '2020-03-31', newEndDate: '2020-06-30', requestedBy: DRAFTER, reason: REASON, at: AT.now, effectiveOn: '2019-06-03' },
        },
      ]);
  });

  it('leaves the end date alone until approval', () => {
    spec.given(historyTo('active')).when(request('2020-06-30')).thenEvents((_, state) => {
      expect(state).toMatchObject({ currentEndDate: '2020-03-31', pendingNoCostExtension: { requestId: 'ext-1', newEndDate: '2020-06-30' } });
    });
  });

  it.each([
    ['the current end date', '2020-03-31'],
    ['an earlier date', '2020-01-31'],
    ['an impossible date', '2020-06-31'],
  ])('refuses a new end date that is %s', (_, newEndDate) => {
    spec.given(historyTo('active')).when(request(newEndDate)).thenThrows('extension.invalid');
  });

  it('accepts a new end date one day later', () => {
    spec.given(historyTo('active')).when(request('2020-04-01')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a second extension while one is pending, but not alongside a budget revision', () => {
    spec.given([...historyTo('active'), extensionRequested('ext-1', '2020-06-30')]).when(request('2020-07-31', 'ext-2')).thenThrows('request.already-pending');
    const revision = revisionRequested('rev-1', { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') });
    spec.given([...historyTo('active'), revision]).when(request('2020-07-31', 'ext-2')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('needs a reason', () => {
    spec.given(historyTo('active')).when(command('RequestNoCostExtension', { requestId: 'ext-1', newEndDate: '2020-06-30' })).thenThrows('reason.required');
  });
});

describe('approving a no-cost extension', () => {
  const pending = () => [...historyTo('active'), extensionRequested('ext-1', '2020-06-30')];

  it('moves the current end date, keeping the planned one', () => {
    spec.given(pending()).when(approve()).thenEvents((events, state) => {
      expect(events).toEqual([
        { type: 'NoCostExtensionApproved', data: { requestId: 'ext-1', approvedBy: APPROVER, previousEndDate: '2020-03-31', newEndDate: '2020-06-30', at: AT.now, effectiveOn: '2019-06-03' } },
      ]);
      expect(state).toMatchObject({ plannedEndDate: '2020-03-31', currentEndDate: '2020-06-30', decidedRequestIds: ['ext-1'] });
      expect(state).not.toHaveProperty('pendingNoCostExtension');
    });
  });

  it('refuses an approval by the person who requested it', () => {
    spec.given(pending()).when(approve('ext-1', DRAFTER)).thenThrows('approval.four-eyes');
  });

  it('refuses to approve an unknown or already decided request', () => {
    spec.given(pending()).when(approve('ext-9')).thenThrows('request.not-found');
    spec.given([...pending(), extensionApproved('ext-1', '2020-06-30')]).when(approve()).thenThrows('request.already-decided');
  });

  it('takes the deadline for the next request from the extended end date', () => {
    const extended = [...pending(), extensionApproved('ext-1', '2020-06-30')];
    spec.given(historyTo('active')).when(request('2020-09-30', 'ext-2', '2020-04-15T09:00:00.000Z')).thenThrows('request.too-late');
    spec.given(extended).when(request('2020-09-30', 'ext-2', '2020-04-15T09:00:00.000Z')).thenEvents((events) => {
      expect(events[0]!.data).toMatchObject({ currentEndDate: '2020-06-30' });
    });
  });

  it('rejects a request, saying why', () => {
    spec.given(pending()).when(reject()).thenEvents((events, state) => {
      expect(events).toEqual([{ type: 'NoCostExtensionRejected', data: { requestId: 'ext-1', rejectedBy: APPROVER, reason: 'Deliver on time', at: AT.now, effectiveOn: '2019-06-03' } }]);
      expect(state).toMatchObject({ currentEndDate: '2020-03-31' });
    });
  });
});
