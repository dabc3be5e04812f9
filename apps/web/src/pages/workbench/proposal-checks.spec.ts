import { describe, expect, it } from '@jest/globals';
import type { FundPolicy } from '../../api/fund-policy';
import { amendRequestOf, budgetFigures, draftOf, draftRequestOf, fieldKeyOf, hundredthsOf, proposalErrors, type ProposalDraft } from './proposal-checks';

/** The fund's default policy (DOMAIN rules 2 and 3), as GET /fund/policy answers it. */
const POLICY: FundPolicy = {
  ceilings: { '1': { national: '100000.00', regional: '200000.00', global: '200000.00' }, '2': { national: '200000.00', regional: '300000.00', global: '300000.00' } },
  floors: { national: '50000.00', regional: '100000.00', global: '100000.00' },
  staffAndOfficeCostsMaxPercent: 30,
  timeZone: 'Europe/Vienna',
  today: '2026-03-05',
};

function proposal(change: Partial<ProposalDraft> = {}): ProposalDraft {
  return {
    projectId: 'PO.0143',
    primaId: 'KG10P0501',
    texts: [{ language: 'en', title: 'Migration policy support', description: 'Support to the State Migration Service.' }],
    thematicArea: 'policy-and-legal-framework-development',
    coverage: 'national',
    region: 'asia-and-oceania',
    fundingLine: '1',
    year: '2026',
    plannedStartDate: '2026-01-01',
    plannedEndDate: '2027-12-31',
    states: [{ code: 'KG', share: '' }],
    staffAndOfficeCosts: '9000.00',
    operationalCosts: '28887.00',
    effectiveOn: '',
    ...change,
  };
}

describe('proposal checks before sending', () => {
  it('lets a valid proposal through, and flags a budget under the usual floor without refusing it', () => {
    expect(proposalErrors(proposal(), POLICY)).toEqual({});
    // USD 37,887 (the record in DOMAIN.md): below the national floor of 50,000, allowed.
    expect(budgetFigures(proposal(), POLICY)).toMatchObject({ total: 3_788_700, belowFloor: true, overCeiling: false, staffOverLimit: false });
  });

  it('refuses 31 % staff costs and allows exactly 30 % (rule 2, compared in cents)', () => {
    expect(proposalErrors(proposal({ staffAndOfficeCosts: '31000.00', operationalCosts: '69000.00' }), POLICY)['budget.staffAndOfficeCosts']).toEqual({
      key: 'errors.staffOverLimit',
      values: { limit: 30 },
    });
    expect(proposalErrors(proposal({ staffAndOfficeCosts: '30000.00', operationalCosts: '70000.00' }), POLICY)).toEqual({});
    // One cent decides: 30,000.00 of 100,000.01 is within 30 %, 30,000.01 of 100,000.01 is not.
    expect(budgetFigures(proposal({ staffAndOfficeCosts: '30000.00', operationalCosts: '70000.01' }), POLICY).staffOverLimit).toBe(false);
    expect(budgetFigures(proposal({ staffAndOfficeCosts: '30000.01', operationalCosts: '70000.00' }), POLICY).staffOverLimit).toBe(true);
  });

  it('refuses shares that do not add up to 100, and a share missing when others are given (rule 4)', () => {
    const regional = { coverage: 'regional' as const };
    expect(proposalErrors(proposal({ ...regional, states: [{ code: 'KG', share: '60' }, { code: 'KZ', share: '30' }] }), POLICY).beneficiaryStates).toEqual({
      key: 'errors.sharesSum',
      values: { sum: '90.00' },
    });
    expect(proposalErrors(proposal({ ...regional, states: [{ code: 'KG', share: '33.33' }, { code: 'KZ', share: '33.33' }, { code: 'TJ', share: '33.34' }] }), POLICY)).toEqual({});
    expect(proposalErrors(proposal({ ...regional, states: [{ code: 'KG', share: '60' }, { code: 'KZ', share: '' }] }), POLICY)['beneficiaryStates.1.share']).toEqual({ key: 'errors.shareMissing' });
    expect(proposalErrors(proposal({ ...regional, states: [{ code: 'KG', share: '' }, { code: 'KZ', share: '' }] }), POLICY)).toEqual({});
  });

  it('counts states by coverage: national exactly one, regional at least two (rule 4)', () => {
    expect(proposalErrors(proposal({ states: [{ code: 'KG', share: '' }, { code: 'KZ', share: '' }] }), POLICY).beneficiaryStates).toEqual({ key: 'errors.nationalOneState' });
    expect(proposalErrors(proposal({ coverage: 'regional' }), POLICY).beneficiaryStates).toEqual({ key: 'errors.regionalTwoStates' });
  });

  it('refuses a total over the ceiling of its line and coverage, per the policy (rule 3)', () => {
    // Line 1 national: 100,000. The same total fits line 2 (200,000) and a regional line-1 project.
    const over = { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.01' };
    expect(proposalErrors(proposal(over), POLICY).budget).toEqual({ key: 'errors.overCeiling' });
    expect(proposalErrors(proposal({ ...over, fundingLine: '2' }), POLICY).budget).toBeUndefined();
    expect(budgetFigures(proposal({ ...over, coverage: 'regional' }), POLICY)).toMatchObject({ ceiling: 20_000_000, overCeiling: false });
    // Without the policy (it could not be read) the ceiling is left to the server.
    expect(budgetFigures(proposal(over), undefined)).toMatchObject({ overCeiling: false, staffOverLimit: false });
  });

  it('asks for amounts in USD with at most two decimals, and dates in order', () => {
    const errors = proposalErrors(proposal({ staffAndOfficeCosts: '9,000', operationalCosts: '1.234', plannedEndDate: '2025-12-31' }), POLICY);
    expect(errors['budget.staffAndOfficeCosts']).toEqual({ key: 'errors.amount' });
    expect(errors['budget.operationalCosts']).toEqual({ key: 'errors.amount' });
    expect(errors.plannedEndDate).toEqual({ key: 'errors.endBeforeStart' });
    expect(hundredthsOf('100')).toBe(10_000);
    expect(hundredthsOf('100.01')).toBeUndefined();
    expect(hundredthsOf('0')).toBeUndefined();
  });

  it('wants a title and a description in some language, not both in every one', () => {
    const texts = [
      { language: 'ru', title: 'Миграционная политика', description: '' },
      { language: 'ar', title: '', description: 'دعم دائرة الهجرة' },
    ];
    expect(proposalErrors(proposal({ texts }), POLICY)).toEqual({});
    expect(draftRequestOf(proposal({ texts }))).toMatchObject({ title: { ru: 'Миграционная политика' }, description: { ar: 'دعم دائرة الهجرة' } });
    expect(proposalErrors(proposal({ texts: [{ language: 'en', title: 'Only a title', description: '' }] }), POLICY)).toEqual({ 'description.en': { key: 'errors.required' } });
    expect(proposalErrors(proposal({ texts: [...texts, { language: 'fr', title: '', description: '' }] }), POLICY)).toEqual({ 'title.fr': { key: 'errors.required' } });
  });

  it('sends shares only when given, and amounts and ids trimmed', () => {
    const body = draftRequestOf(proposal({ projectId: ' PO.0143 ', staffAndOfficeCosts: ' 9000.00' }));
    expect(body).toMatchObject({ projectId: 'PO.0143', fundingLine: 1, year: 2026, beneficiaryStates: [{ code: 'KG' }], budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '28887.00' } });
    expect(body).not.toHaveProperty('effectiveOn');
    expect(fieldKeyOf({ pointer: '/beneficiaryStates/1/share' })).toBe('beneficiaryStates.1.share');
  });

  it('fills the form from a draft\'s card and sends the amendment without the id', () => {
    const card = {
      projectId: 'PO.0143',
      primaId: 'KG10P0501',
      title: { en: 'Migration policy support', ru: 'Миграционная политика' },
      description: { en: 'Support.', ar: 'دعم' },
      thematicArea: 'policy-and-legal-framework-development',
      coverage: 'regional',
      region: 'asia-and-oceania',
      fundingLine: 2,
      year: 2026,
      plannedStartDate: '2026-01-01',
      plannedEndDate: '2027-12-31',
      beneficiaryStates: [
        { code: 'KG', share: '60.00' },
        { code: 'KZ', share: '40.00' },
      ],
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '120000.00' },
    };
    const draft = draftOf(card);
    expect(draft.texts).toEqual([
      { language: 'en', title: 'Migration policy support', description: 'Support.' },
      { language: 'ru', title: 'Миграционная политика', description: '' },
      { language: 'ar', title: '', description: 'دعم' },
    ]);
    expect(proposalErrors(draft, POLICY)).toEqual({});
    const body = amendRequestOf(draft);
    expect(body).not.toHaveProperty('projectId');
    expect(body).toMatchObject({ title: card.title, description: card.description, fundingLine: 2, coverage: 'regional', beneficiaryStates: card.beneficiaryStates, budget: card.budget });
  });
});
