import { drafted, endorsed, endorsementRecorded, historyTo, returned, submitted } from '../testing/project-history.js';
import { APPROVER, AT, DRAFTER, SECOND_APPROVER, SUBMITTER, TOTAL, command, spec } from '../testing/project-fixtures.js';

const endorse = (by = APPROVER) => command('EndorseProject', {}, { by });
const approve = (by = APPROVER, reason?: string) => command('ApproveProject', {}, { by, ...(reason ? { reason } : {}) });

describe('endorsing a submitted project', () => {
  it('records who endorsed it and when', () => {
    spec
      .given(historyTo('submitted'))
      .when(endorse())
      .then([{ type: 'ProjectEndorsed', data: { endorsedBy: APPROVER, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('refuses an endorsement by the person who drafted it', () => {
    const error = spec.given(historyTo('submitted')).when(endorse(DRAFTER)).thenThrows('approval.four-eyes');
    expect(error.kind).toBe('forbidden');
  });

  it('refuses an endorsement by the person who submitted it', () => {
    spec.given(historyTo('submitted')).when(endorse(SUBMITTER)).thenThrows('approval.four-eyes');
  });
});

describe('approving a project (rule 6, and what rule 7 needs)', () => {
  it('commits the budget and says which envelope to reserve it from', () => {
    spec
      .given(historyTo('endorsed'))
      .when(approve())
      .then([{ type: 'ProjectApproved', data: { approvedBy: APPROVER, committed: TOTAL, year: 2019, fundingLine: 1, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('holds the committed amount in the state', () => {
    spec.given(historyTo('endorsed')).when(approve()).thenEvents((_, state) => {
      expect(state).toMatchObject({ status: 'approved', committed: TOTAL, approvedBy: APPROVER, approvedAt: AT.now });
    });
  });

  it('approves a retained project once the envelope has room', () => {
    spec
      .given(historyTo('retained'))
      .when(approve(SECOND_APPROVER, 'Envelope topped up'))
      .then([
        {
          type: 'ProjectApproved',
          data: { approvedBy: SECOND_APPROVER, committed: TOTAL, year: 2019, fundingLine: 1, at: AT.now, effectiveOn: '2019-06-03', reason: 'Envelope topped up' },
        },
      ]);
  });

  it('refuses an approval by the person who drafted it', () => {
    spec.given(historyTo('endorsed')).when(approve(DRAFTER)).thenThrows('approval.four-eyes');
  });

  it('refuses an approval by the person who submitted it', () => {
    spec.given(historyTo('endorsed')).when(approve(SUBMITTER)).thenThrows('approval.four-eyes');
  });

  it('refuses an approval of a retained project by its submitter', () => {
    spec.given(historyTo('retained')).when(approve(SUBMITTER)).thenThrows('approval.four-eyes');
  });

  it('lets the approver who endorsed also approve', () => {
    spec.given(historyTo('endorsed')).when(approve(APPROVER)).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('applies four eyes to the latest submission after a return', () => {
    const history = [drafted(), endorsementRecorded(), submitted(SUBMITTER), returned(), submitted(SECOND_APPROVER), endorsed(APPROVER)];
    spec.given(history).when(approve(SUBMITTER)).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given(history).when(approve(SECOND_APPROVER)).thenThrows('approval.four-eyes');
  });
});

describe('retaining, rejecting and returning', () => {
  it('retains an endorsed project for later, with the time it started waiting', () => {
    spec.given(historyTo('endorsed')).when(command('RetainProject', {}, { by: APPROVER })).thenEvents((events, state) => {
      expect(events).toEqual([{ type: 'ProjectRetained', data: { retainedBy: APPROVER, at: AT.now, effectiveOn: '2019-06-03' } }]);
      expect(state).toMatchObject({ status: 'retained', retainedAt: AT.now });
    });
  });

  it.each(['submitted', 'endorsed', 'retained'] as const)('rejects a %s project, saying why', (status) => {
    spec
      .given(historyTo(status))
      .when(command('RejectProject', {}, { by: APPROVER, reason: ' Outside the mandate ' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ type: 'ProjectRejected', data: { rejectedBy: APPROVER, reason: 'Outside the mandate', at: AT.now, effectiveOn: '2019-06-03' } }]);
        expect(state).toMatchObject({ status: 'rejected', statusReason: 'Outside the mandate' });
      });
  });

  it.each(['submitted', 'endorsed', 'retained'] as const)('returns a %s project to draft for revision', (status) => {
    spec
      .given(historyTo(status))
      .when(command('ReturnProject', {}, { by: APPROVER, reason: 'Clarify the outputs' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ type: 'ProjectReturned', data: { returnedBy: APPROVER, reason: 'Clarify the outputs', at: AT.now, effectiveOn: '2019-06-03' } }]);
        expect(state).toMatchObject({ status: 'draft', statusReason: 'Clarify the outputs' });
        expect(state).not.toHaveProperty('submittedBy');
        expect(state).not.toHaveProperty('endorsedBy');
      });
  });

  it('keeps the recorded endorsements of a returned draft, so it can be submitted again', () => {
    spec
      .given([...historyTo('submitted'), returned()])
      .when(command('SubmitProject', {}, { by: SUBMITTER }))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ProjectSubmitted']));
  });

  it('forgets the rejection reason once the project moves on', () => {
    spec.given([...historyTo('submitted'), returned()]).when(command('SubmitProject', {}, { by: SUBMITTER })).thenEvents((_, state) => {
      expect(state).not.toHaveProperty('statusReason');
    });
  });
});
