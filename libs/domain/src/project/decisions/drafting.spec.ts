import { formatUsd } from '../../shared/money.js';
import type { ProposalFields } from '../commands.js';
import type { Project } from '../state.js';
import { drafted, endorsementRecorded } from '../testing/project-history.js';
import { AT, DRAFTER, TOTAL, command, policy, proposal, regionalProposal, spec, usd } from '../testing/project-fixtures.js';

const draft = (fields = proposal()) => command('DraftProject', fields, { at: AT.drafted });
const amend = (data: Partial<ProposalFields>) => command('AmendDraft', data);

describe('drafting a project', () => {
  it('records the real proposal PO.0143, its only state taking the whole share', () => {
    spec.given([]).when(draft()).then([drafted({ effectiveOn: '2019-01-10' })]);
  });

  it('starts the project as a draft with nothing committed or flowed', () => {
    spec.given([]).when(draft()).thenEvents((_, state) => {
      expect(state).toMatchObject({
        status: 'draft',
        projectId: 'PO.0143',
        budgetTotal: TOTAL,
        currentEndDate: '2020-03-31',
        committed: 0,
        disbursed: 0,
        spent: 0,
        draftedBy: DRAFTER,
        draftedAt: AT.drafted,
      });
    });
  });

  it('keeps titles and descriptions in any script, right-to-left included', () => {
    const title = { ka: 'მიგრაციის პოლიტიკა', ar: 'سياسة الهجرة', 'zh-Hant': '移民政策', en: '🌍'.repeat(500) };
    spec.given([]).when(draft(proposal({ title }))).thenEvents(([event]) => {
      expect(event!.data).toMatchObject({ title });
    });
  });

  it('records language tags in their canonical form', () => {
    spec.given([]).when(draft(proposal({ title: { 'EN-gb': 'Migration policy', KA: 'მიგრაციის პოლიტიკა' } }))).thenEvents(([event]) => {
      expect(event!.data).toMatchObject({ title: { 'en-GB': 'Migration policy', ka: 'მიგრაციის პოლიტიკა' } });
    });
  });

  it('splits a regional project equally when no shares are given, remainder to the first', () => {
    spec.given([]).when(draft(regionalProposal())).thenEvents(([event]) => {
      expect(event!.data).toMatchObject({
        beneficiaryStates: [
          { code: 'KG', share: 3334 },
          { code: 'KZ', share: 3333 },
          { code: 'TJ', share: 3333 },
        ],
      });
    });
  });

  it('keeps the shares given when they add up to 100 %', () => {
    const beneficiaryStates = [{ code: 'KG', share: 5000 }, { code: 'KZ', share: 2500 }, { code: 'XK', share: 2500 }];
    spec.given([]).when(draft(regionalProposal({ beneficiaryStates }))).thenEvents(([event]) => {
      expect(event!.data).toMatchObject({ beneficiaryStates });
    });
  });

  it.each([
    ['given on some states only', [{ code: 'KG', share: 5000 }, { code: 'KZ' }]],
    ['adding up to less than 100 %', [{ code: 'KG', share: 5000 }, { code: 'KZ', share: 4999 }]],
    ['adding up to more than 100 %', [{ code: 'KG', share: 5000 }, { code: 'KZ', share: 5001 }]],
    ['with a zero share', [{ code: 'KG', share: 10_000 }, { code: 'KZ', share: 0 }]],
    ['with a fractional share', [{ code: 'KG', share: 4999.5 }, { code: 'KZ', share: 5000.5 }]],
  ])('refuses shares %s', (_, beneficiaryStates) => {
    spec.given([]).when(draft(regionalProposal({ beneficiaryStates }))).thenThrows('beneficiary.shares-invalid');
  });

  it('refuses a second draft with an id that exists', () => {
    spec.given([drafted()]).when(draft()).thenThrows('project.already-exists');
  });

  it('records no reason unless one is given, and keeps one that is', () => {
    spec.given([]).when(draft()).thenEvents(([event]) => expect(event!.data).not.toHaveProperty('reason'));
    spec
      .given([])
      .when(command('DraftProject', proposal(), { reason: '  Call for proposals 2019  ' }))
      .thenEvents(([event]) => expect(event!.data).toMatchObject({ reason: 'Call for proposals 2019' }));
  });
});

describe('the shape of a proposal', () => {
  const long = (length: number) => 'x'.repeat(length);
  it.each<[string, Record<string, unknown>]>([
    ['projectId', { projectId: 'PO-0143' }],
    ['projectId', { projectId: 'po.0143' }],
    ['projectId', { projectId: 'P.0143' }],
    ['projectId', { projectId: 'PO.12' }],
    ['primaId', { primaId: 'kg10p0501' }],
    ['primaId', { primaId: 'KG1' }],
    ['title', { title: {} }],
    ['title', { title: [] }],
    ['title.en', { title: { en: '   ' } }],
    ['title.en_US', { title: { en_US: 'Migration policy' } }],
    ['title.EN', { title: { en: 'Migration policy', EN: 'Migration policy' } }],
    ['title.', { title: { '': 'Migration policy' } }],
    ['title.en', { title: { en: long(501) } }],
    ['description.en', { description: { en: long(20_001) } }],
    ['thematicArea', { thematicArea: 'tourism' }],
    ['region', { region: 'antarctica' }],
    ['coverage', { coverage: 'local' }],
    ['fundingLine', { fundingLine: 3 }],
    ['fundingLine', { fundingLine: '1' }],
    ['beneficiaryStates.0.code', { beneficiaryStates: [{ code: 'EU' }] }],
    ['beneficiaryStates.0.code', { beneficiaryStates: [{ code: 'kg' }] }],
    ['beneficiaryStates.0.code', { beneficiaryStates: [{ code: 'KGZ' }] }],
    ['beneficiaryStates.1.code', { coverage: 'regional', beneficiaryStates: [{ code: 'KG' }, { code: 'KG' }] }],
    ['beneficiaryStates', { beneficiaryStates: 'KG' }],
    ['plannedStartDate', { plannedStartDate: '2019-02-29' }],
    ['plannedEndDate', { plannedEndDate: '2020-3-31' }],
    ['plannedEndDate', { plannedStartDate: '2020-04-01', plannedEndDate: '2020-03-31' }],
    ['year', { year: 1999 }],
    ['year', { year: 2101 }],
    ['year', { year: 2019.5 }],
    ['budget.staffAndOfficeCosts', { budget: { staffAndOfficeCosts: -1, operationalCosts: usd('37887.00') } }],
    ['budget.operationalCosts', { budget: { staffAndOfficeCosts: 0, operationalCosts: 100.5 } }],
    ['budget', { budget: { staffAndOfficeCosts: 0, operationalCosts: 0 } }],
  ])('refuses a bad %s: %j', (field, overrides) => {
    const error = spec.given([]).when(draft({ ...proposal(), ...overrides } as never)).thenThrows('proposal.invalid');
    expect(error.kind).toBe('invalid');
    expect(error.errors.map((e) => e.field)).toEqual([field]);
  });

  it('reports every problem at once', () => {
    const fields = { ...proposal(), primaId: 'x', region: 'mars', year: 1900, title: { en: '' } };
    const error = spec.given([]).when(draft(fields)).thenThrows('proposal.invalid');
    expect(error.errors.map((e) => e.field).sort()).toEqual(['primaId', 'region', 'title.en', 'year']);
  });

  it('accepts a title of exactly 500 characters and a one-day project', () => {
    const fields = proposal({ title: { en: long(500) }, plannedStartDate: '2019-03-01', plannedEndDate: '2019-03-01' });
    spec.given([]).when(draft(fields)).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('accepts Kosovo (XK) as a beneficiary state', () => {
    const fields = proposal({ beneficiaryStates: [{ code: 'XK' }], region: 'europe' });
    spec.given([]).when(draft(fields)).thenEvents((events) => expect(events).toHaveLength(1));
  });
});

describe('rule 2: staff and office costs are at most 30 % of the budget', () => {
  it('accepts exactly 30 %', () => {
    const budget = { staffAndOfficeCosts: usd('30000.00'), operationalCosts: usd('70000.00') };
    spec.given([]).when(draft(proposal({ budget }))).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses one cent more than 30 %', () => {
    const budget = { staffAndOfficeCosts: usd('30000.01'), operationalCosts: usd('69999.99') };
    spec.given([]).when(draft(proposal({ budget }))).thenThrows('budget.staff-costs-exceeded');
  });
});

describe('rule 3: the ceiling of the funding line and coverage', () => {
  const budgetOf = (total: string) => ({ staffAndOfficeCosts: usd('0'), operationalCosts: usd(total) });

  it.each<[1 | 2, 'national' | 'regional' | 'global', string]>([
    [1, 'national', '100000.00'],
    [1, 'regional', '200000.00'],
    [1, 'global', '200000.00'],
    [2, 'national', '200000.00'],
    [2, 'regional', '300000.00'],
    [2, 'global', '300000.00'],
  ])('line %d, %s: accepts exactly USD %s and refuses one cent more', (fundingLine, coverage, ceiling) => {
    const states = { national: [{ code: 'KG' }], regional: [{ code: 'KG' }, { code: 'KZ' }], global: [] }[coverage];
    const at = (total: string) =>
      draft(proposal({ fundingLine, coverage, beneficiaryStates: states, budget: budgetOf(total) }));
    spec.given([]).when(at(ceiling)).thenEvents((events) => expect(events).toHaveLength(1));
    spec.given([]).when(at(formatUsd(usd(ceiling) + 1))).thenThrows('budget.ceiling-exceeded');
  });

  it('follows the ceilings of the policy passed in, not fixed numbers', () => {
    const tight = { ...policy, ceilings: { ...policy.ceilings, 1: { ...policy.ceilings[1], national: usd('30000.00') } } };
    spec.given([]).when(command('DraftProject', proposal(), { policy: tight })).thenThrows('budget.ceiling-exceeded');
  });

  it('allows a budget below the usual floor (the real record is USD 37,887.00)', () => {
    spec.given([]).when(draft()).thenEvents((events) => expect(events).toHaveLength(1));
  });
});

describe('rule 4: beneficiary states match the coverage', () => {
  it.each<[string, Partial<ProposalFields>]>([
    ['a national project with two states', { beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }] }],
    ['a national project with no state', { beneficiaryStates: [] }],
    ['a regional project with one state', { coverage: 'regional', beneficiaryStates: [{ code: 'KG' }] }],
  ])('refuses %s', (_, overrides) => {
    spec.given([]).when(draft(proposal(overrides))).thenThrows('coverage.beneficiary-states');
  });

  it.each([[[]], [[{ code: 'KG' }]], [[{ code: 'SN' }, { code: 'GT' }, { code: 'PH' }]]])(
    'accepts a global project with any number of states: %j',
    (beneficiaryStates) => {
      const fields = proposal({ coverage: 'global', region: 'global', beneficiaryStates });
      spec.given([]).when(draft(fields)).thenEvents((events) => expect(events).toHaveLength(1));
    },
  );
});

describe('amending a draft', () => {
  it('records only what changed, as the draft now reads', () => {
    const title = { en: 'A national migration policy for Kyrgyzstan' };
    spec
      .given([drafted()])
      .when(amend({ title, year: 2019, region: 'asia-and-oceania' }))
      .then([{ type: 'ProjectDraftAmended', data: { changes: { title }, amendedBy: DRAFTER, at: AT.now, effectiveOn: '2019-06-03' } }]);
  });

  it('records the new budget with its total', () => {
    const budget = { staffAndOfficeCosts: usd('15000.00'), operationalCosts: usd('45000.00') };
    spec.given([drafted()]).when(amend({ budget })).thenEvents(([event], state) => {
      expect(event!.data).toMatchObject({ changes: { budget, budgetTotal: usd('60000.00') } });
      expect(state).toMatchObject({ budget, budgetTotal: usd('60000.00') });
    });
  });

  it('moves the current end date with the planned end date', () => {
    spec.given([drafted()]).when(amend({ plannedEndDate: '2020-06-30' })).thenEvents((_, state) => {
      expect(state).toMatchObject({ plannedEndDate: '2020-06-30', currentEndDate: '2020-06-30' });
    });
  });

  it('resolves an equal split when new states come without shares', () => {
    spec
      .given([drafted()])
      .when(amend({ coverage: 'regional', beneficiaryStates: [{ code: 'KG' }, { code: 'UZ' }] }))
      .thenEvents(([event]) => {
        expect(event!.data).toMatchObject({
          changes: { coverage: 'regional', beneficiaryStates: [{ code: 'KG', share: 5000 }, { code: 'UZ', share: 5000 }] },
        });
      });
  });

  it('records nothing when the draft would stay as it is', () => {
    spec.given([drafted()]).when(amend({ primaId: 'KG10P0501', beneficiaryStates: [{ code: 'KG' }] })).then([]);
  });

  it('checks the draft as it would become, not the amendment alone', () => {
    spec.given([drafted()]).when(amend({ coverage: 'regional' })).thenThrows('coverage.beneficiary-states');
  });

  it.each<[string, Partial<ProposalFields>]>([
    ['proposal.invalid', { plannedEndDate: '2018-12-31' }],
    ['budget.staff-costs-exceeded', { budget: { staffAndOfficeCosts: usd('20000.00'), operationalCosts: usd('20000.00') } }],
    ['budget.ceiling-exceeded', { budget: { staffAndOfficeCosts: usd('0.00'), operationalCosts: usd('100000.01') } }],
    ['beneficiary.shares-invalid', { beneficiaryStates: [{ code: 'KG', share: 9000 }] }],
  ])('refuses an amendment that breaks %s', (code, data) => {
    spec.given([drafted()]).when(amend(data)).thenThrows(code);
  });

  it('voids the endorsement of a state that is no longer a beneficiary', () => {
    spec
      .given([drafted(), endorsementRecorded('KG')])
      .when(amend({ beneficiaryStates: [{ code: 'KZ' }] }))
      .thenEvents(([event], state) => {
        expect(event!.data).toMatchObject({ voidedEndorsements: ['KG'] });
        expect((state as Project).governmentEndorsements).toEqual({});
      });
  });
});
