import type { ProjectCommand } from '../commands.js';
import type { ProjectEvent } from '../events.js';
import type { Project } from '../state.js';
import { projectDecider } from '../project-decider.js';
import { APPROVER, AT, command, proposal, spec, usd } from '../testing/project-fixtures.js';
import { approved, drafted, endorsed, endorsementRecorded, focalPointRecorded, historyTo, submitted } from '../testing/project-history.js';

/** The same command, saying on which day it happened and what today is in the fund. */
function on<C extends ProjectCommand>(effectiveOn: string, cmd: C, today = '2019-06-03'): C {
  return { ...cmd, context: { ...cmd.context, effectiveOn, today } };
}
const fold = (events: readonly ProjectEvent[]) => events.reduce(projectDecider.evolve, projectDecider.initialState()) as Project;
const UP_TO_ENDORSED = [drafted(), endorsementRecorded(), focalPointRecorded(), submitted(), endorsed()];

describe('business dates of project commands', () => {
  it('stamps every event with the date the command says, keeping the instant it is recorded at', () => {
    spec
      .given(UP_TO_ENDORSED)
      .when(on('2019-02-10', command('ApproveProject', {}, { by: APPROVER })))
      .thenEvents(([event], state) => {
        expect(event!.data).toMatchObject({ at: AT.now, effectiveOn: '2019-02-10' });
        expect(state).toMatchObject({ approvedAt: AT.now, approvedOn: '2019-02-10', statusChangedOn: '2019-02-10' });
      });
  });

  it("defaults to the fund's today", () => {
    spec
      .given(UP_TO_ENDORSED)
      .when({ ...command('ApproveProject', {}, { by: APPROVER }), context: { actor: { id: APPROVER, role: 'approver' }, at: '2019-06-03T22:30:00.000Z', today: '2019-06-04' } })
      .thenEvents(([event]) => expect(event!.data.effectiveOn).toBe('2019-06-04'));
  });

  it('refuses a date in the future, whatever the command', () => {
    spec.given(UP_TO_ENDORSED).when(on('2019-06-04', command('ApproveProject', {}, { by: APPROVER }))).thenThrows('effective-on.in-future');
    spec.given([]).when(on('2019-06-04', command('DraftProject', proposal()))).thenThrows('effective-on.in-future');
  });

  it('refuses a malformed date', () => {
    spec.given(UP_TO_ENDORSED).when(on('2019-02-30', command('ApproveProject', {}, { by: APPROVER }))).thenThrows('effective-on.invalid');
  });

  it('refuses a date before the step it follows, naming it', () => {
    const error = spec
      .given(UP_TO_ENDORSED)
      .when(on('2019-01-31', command('ApproveProject', {}, { by: APPROVER })))
      .thenThrows('effective-on.before-previous-step');
    expect(error.detail).toContain('ProjectEndorsed on 2019-02-01');
  });

  it('allows a date on the day of the step it follows', () => {
    spec.given(UP_TO_ENDORSED).when(on('2019-02-01', command('ApproveProject', {}, { by: APPROVER }))).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('folds an old event without effectiveOn on the UTC date of its instant', () => {
    const project = fold([...UP_TO_ENDORSED, approved()]);
    expect(project).toMatchObject({ draftedOn: '2019-01-10', submittedOn: '2019-01-20', endorsedOn: '2019-02-01', approvedOn: '2019-02-15' });
    expect(project.latestStep).toEqual({ type: 'ProjectApproved', effectiveOn: '2019-02-15' });
  });

  it('does not count an abandoned approval as a step', () => {
    const abandoned: ProjectEvent = {
      type: 'ApprovalAbandoned',
      data: { projectId: 'PO.0143', year: 2019, fundingLine: 1, amount: usd('37887.00'), purpose: 'approval', reason: 'never recorded', at: '2019-05-01T00:00:00.000Z' },
    };
    expect(fold([...UP_TO_ENDORSED, abandoned]).latestStep).toEqual({ type: 'ProjectEndorsed', effectiveOn: '2019-02-01' });
  });

  it('starts and completes on the business date by default', () => {
    spec
      .given([...UP_TO_ENDORSED, approved()])
      .when(on('2019-03-04', command('StartImplementation', {})))
      .thenEvents(([event]) => expect(event!.data).toMatchObject({ actualStartDate: '2019-03-04', effectiveOn: '2019-03-04' }));
    spec
      .given(historyTo('active'))
      .when(on('2019-05-31', command('CompleteProject', {})))
      .thenEvents(([event]) => expect(event!.data).toMatchObject({ actualEndDate: '2019-05-31' }));
  });

  it('refuses a government endorsement dated after the fund’s today', () => {
    spec
      .given([drafted()])
      .when(on('2019-06-03', command('RecordGovernmentEndorsement', { state: 'KG', endorsedOn: '2019-06-04', authority: 'Cabinet' })))
      .thenThrows('endorsement.invalid');
  });
});

describe('rule 10 judged on the business date', () => {
  const revision = () =>
    command('RequestBudgetRevision', { requestId: 'r-1', budget: { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') } }, { at: '2020-03-20T09:00:00.000Z', reason: 'Prices rose' });

  it('accepts a request keyed in late but dated in time', () => {
    spec.given([...historyTo('active')]).when(on('2020-02-28', revision(), '2020-03-20')).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a request dated after the deadline', () => {
    spec.given([...historyTo('active')]).when(on('2020-03-01', revision(), '2020-03-20')).thenThrows('request.too-late');
  });
});
