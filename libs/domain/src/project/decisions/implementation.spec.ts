import { drafted, disbursed, endorsed, extensionRequested, historyTo, revisionRequested, spent, submitted, endorsementRecorded, approved } from '../testing/project-history.js';
import { APPROVER, AT, DRAFTER, TOTAL, command, spec, usd } from '../testing/project-fixtures.js';

describe('recording the government focal point', () => {
  it('records the focal point, trimmed', () => {
    spec
      .given([drafted()])
      .when(command('RecordFocalPoint', { name: ' Nurlan Abdyldaev ', organisation: 'State Migration Service', email: 'n.abdyldaev@example.kg' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'FocalPointRecorded',
            data: { name: 'Nurlan Abdyldaev', organisation: 'State Migration Service', email: 'n.abdyldaev@example.kg', recordedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' },
          },
        ]);
        expect(state).toMatchObject({ focalPoint: { name: 'Nurlan Abdyldaev', organisation: 'State Migration Service', email: 'n.abdyldaev@example.kg' } });
      });
  });

  it.each([
    ['a blank name', { name: ' ', organisation: 'State Migration Service' }],
    ['a blank organisation', { name: 'Nurlan Abdyldaev', organisation: '' }],
    ['a malformed e-mail', { name: 'Nurlan Abdyldaev', organisation: 'SMS', email: 'nurlan at sms' }],
  ])('refuses %s', (_, data) => {
    spec.given([drafted()]).when(command('RecordFocalPoint', data)).thenThrows('focal-point.invalid');
  });
});

describe('rule 8: starting implementation', () => {
  const approvedWithoutFocalPoint = [drafted(), endorsementRecorded(), submitted(), endorsed(), approved()];

  it('refuses to start before the government focal point is recorded', () => {
    spec.given(approvedWithoutFocalPoint).when(command('StartImplementation', {})).thenThrows('implementation.focal-point-missing');
  });

  it('starts on the given date', () => {
    spec
      .given(historyTo('approved'))
      .when(command('StartImplementation', { actualStartDate: '2019-03-04' }))
      .then([{ type: 'ImplementationStarted', data: { actualStartDate: '2019-03-04', startedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('starts today (UTC) when no date is given', () => {
    spec.given(historyTo('approved')).when(command('StartImplementation', {})).thenEvents(([event], state) => {
      expect(event!.data).toMatchObject({ actualStartDate: '2019-06-03' });
      expect(state).toMatchObject({ status: 'active', actualStartDate: '2019-06-03' });
    });
  });

  it('refuses an impossible start date', () => {
    spec.given(historyTo('approved')).when(command('StartImplementation', { actualStartDate: '2019-02-30' })).thenThrows('date.invalid');
  });
});

describe('suspending and resuming', () => {
  it('suspends an active project, saying why', () => {
    spec
      .given(historyTo('active'))
      .when(command('SuspendProject', {}, { by: APPROVER, reason: 'Parliamentary elections' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ type: 'ProjectSuspended', data: { suspendedBy: APPROVER, reason: 'Parliamentary elections', at: AT.now, effectiveOn: '2019-06-03' } }]);
        expect(state).toMatchObject({ status: 'suspended', statusReason: 'Parliamentary elections' });
      });
  });

  it('resumes a suspended project', () => {
    spec.given(historyTo('suspended')).when(command('ResumeProject', {}, { by: APPROVER })).thenEvents((events, state) => {
      expect(events).toEqual([{ type: 'ProjectResumed', data: { resumedBy: APPROVER, at: AT.now, effectiveOn: '2019-06-03' } }]);
      expect(state).toMatchObject({ status: 'active' });
      expect(state).not.toHaveProperty('statusReason');
    });
  });
});

describe('completing implementation', () => {
  it('completes on the given date', () => {
    spec
      .given(historyTo('active'))
      .when(command('CompleteProject', { actualEndDate: '2020-03-31' }))
      .then([{ type: 'ProjectCompleted', data: { actualEndDate: '2020-03-31', completedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('completes today (UTC) when no date is given', () => {
    spec.given(historyTo('active')).when(command('CompleteProject', {})).thenEvents((_, state) => {
      expect(state).toMatchObject({ status: 'completed', actualEndDate: '2019-06-03' });
    });
  });

  it('refuses an end before the actual start', () => {
    spec.given(historyTo('active')).when(command('CompleteProject', { actualEndDate: '2019-02-28' })).thenThrows('date.invalid');
  });

  it.each([
    ['budget revision', revisionRequested('rev-1', { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') })],
    ['no-cost extension', extensionRequested('ext-1', '2020-06-30')],
  ])('refuses to complete while a %s is pending', (_, request) => {
    spec.given([...historyTo('active'), request]).when(command('CompleteProject', {})).thenThrows('request.pending');
  });
});

describe('rule 12: cancelling releases what was reserved and not disbursed', () => {
  const cancel = () => command('CancelProject', {}, { by: APPROVER, reason: 'The government withdrew its request' });

  it('releases the whole budget when nothing was disbursed', () => {
    spec
      .given(historyTo('approved'))
      .when(cancel())
      .then([
        {
          type: 'ProjectCancelled',
          data: {
            cancelledBy: APPROVER,
            reason: 'The government withdrew its request',
            committed: TOTAL,
            disbursed: usd('0'),
            releasedAmount: TOTAL,
            year: 2019,
            fundingLine: 1,
            at: AT.now, effectiveOn: '2019-06-03',
          },
        },
      ]);
  });

  it('releases committed minus disbursed; what was spent does not matter', () => {
    spec
      .given([...historyTo('active'), disbursed('d-1', usd('20000.00')), spent('e-1', usd('5000.00'))])
      .when(cancel())
      .thenEvents(([event]) => {
        expect(event!.data).toMatchObject({ committed: TOTAL, disbursed: usd('20000.00'), releasedAmount: usd('17887.00') });
      });
  });

  it('releases nothing when everything was disbursed', () => {
    spec
      .given([...historyTo('suspended'), disbursed('d-1', TOTAL)])
      .when(cancel())
      .thenEvents(([event]) => expect(event!.data).toMatchObject({ releasedAmount: 0 }));
  });

  it('voids pending change requests, which can never be decided now', () => {
    spec
      .given([...historyTo('active'), extensionRequested('ext-1', '2020-06-30')])
      .when(cancel())
      .thenEvents(([event], state) => {
        expect(event!.data).toMatchObject({ voidedRequestIds: ['ext-1'] });
        expect(state).not.toHaveProperty('pendingNoCostExtension');
        expect(state).toMatchObject({ status: 'cancelled', decidedRequestIds: ['ext-1'] });
      });
  });
});
