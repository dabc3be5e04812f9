import type { ProjectEvent } from '../events.js';
import type { Project } from '../state.js';
import { drafted, endorsementRecorded } from '../testing/project-history.js';
import { AT, DRAFTER, SUBMITTER, command, spec } from '../testing/project-fixtures.js';

const endorse = (state: string, endorsedOn = '2019-06-01', authority = 'Ministry of Foreign Affairs') =>
  command('RecordGovernmentEndorsement', { state, endorsedOn, authority });
const submit = (by = SUBMITTER) => command('SubmitProject', {}, { by });

const regionalDraft = () =>
  drafted({
    coverage: 'regional',
    beneficiaryStates: [{ code: 'KG', share: 3334 }, { code: 'KZ', share: 3333 }, { code: 'TJ', share: 3333 }],
  });
const globalDraft = () => drafted({ coverage: 'global', region: 'global', beneficiaryStates: [] });

describe('recording a government endorsement', () => {
  it('records the endorsement of a beneficiary state', () => {
    spec
      .given([drafted()])
      .when(endorse('KG', '2019-06-01', '  Ministry of Labour and Social Development '))
      .then([
        {
          type: 'GovernmentEndorsementRecorded',
          data: { state: 'KG', endorsedOn: '2019-06-01', authority: 'Ministry of Labour and Social Development', recordedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' },
        },
      ]);
  });

  it('accepts an endorsement dated today (UTC) and refuses one dated tomorrow', () => {
    spec.given([drafted()]).when(endorse('KG', '2019-06-03')).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given([drafted()]).when(endorse('KG', '2019-06-04')).thenThrows('endorsement.invalid');
  });

  it.each([
    ['an impossible date', endorse('KG', '2019-02-29')],
    ['a blank authority', endorse('KG', '2019-06-01', '   ')],
  ])('refuses %s', (_, cmd) => {
    spec.given([drafted()]).when(cmd).thenThrows('endorsement.invalid');
  });

  it('refuses the endorsement of a state that is not a beneficiary', () => {
    spec.given([drafted()]).when(endorse('KZ')).thenThrows('endorsement.state-not-beneficiary');
  });

  it('replaces an earlier endorsement of the same state', () => {
    spec.given([drafted(), endorsementRecorded('KG')]).when(endorse('KG', '2019-05-30', 'Cabinet of Ministers')).thenEvents((_, state) => {
      expect((state as Project).governmentEndorsements).toEqual({
        KG: { endorsedOn: '2019-05-30', authority: 'Cabinet of Ministers', recordedBy: DRAFTER },
      });
    });
  });
});

describe('rule 5: submission needs government endorsements', () => {
  it('submits a national project its government endorsed', () => {
    spec
      .given([drafted(), endorsementRecorded('KG')])
      .when(submit())
      .then([{ type: 'ProjectSubmitted', data: { submittedBy: SUBMITTER, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('remembers who submitted and when, for four eyes and the approval queue', () => {
    spec.given([drafted(), endorsementRecorded('KG')]).when(submit()).thenEvents((_, state) => {
      expect(state).toMatchObject({ status: 'submitted', submittedBy: SUBMITTER, submittedAt: AT.now, statusChangedAt: AT.now });
    });
  });

  it('refuses to submit a national project without its government’s endorsement', () => {
    spec.given([drafted()]).when(submit()).thenThrows('submission.endorsement-missing');
  });

  it('refuses to submit a regional project endorsed by one state only', () => {
    spec.given([regionalDraft(), endorsementRecorded('KG')]).when(submit()).thenThrows('submission.endorsement-missing');
  });

  it('submits a regional project endorsed by two of its three states', () => {
    spec
      .given([regionalDraft(), endorsementRecorded('KG'), endorsementRecorded('TJ')])
      .when(submit())
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ProjectSubmitted']));
  });

  it('submits a global project without any endorsement', () => {
    spec.given([globalDraft()]).when(submit()).thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['ProjectSubmitted']));
  });

  it('no longer counts the endorsement of a state an amendment removed', () => {
    const amended: ProjectEvent = {
      type: 'ProjectDraftAmended',
      data: {
        changes: { beneficiaryStates: [{ code: 'KG', share: 5000 }, { code: 'TJ', share: 5000 }] },
        amendedBy: DRAFTER,
        voidedEndorsements: ['KZ'],
        at: AT.now, effectiveOn: '2019-06-03',
      },
    };
    spec
      .given([regionalDraft(), endorsementRecorded('KG'), endorsementRecorded('KZ'), amended])
      .when(submit())
      .thenThrows('submission.endorsement-missing');
  });

  it('lets the drafter submit too: four eyes apply to the approval, not the submission', () => {
    spec.given([drafted(), endorsementRecorded('KG')]).when(submit(DRAFTER)).thenEvents((events) => expect(events).toHaveLength(1));
  });
});
