import { centsOf } from '../../format/cents';
import type { FundPolicy } from '../../api/fund-policy';

/**
 * The rules a proposal form can check before sending, against the fund's policy as the API
 * answers it (GET /fund/policy), so that nothing the server would refuse is sent. Errors are
 * keyed by the field names the API's problems use (`budget.staffAndOfficeCosts`,
 * `beneficiaryStates.1.share`…), so the form shows its own and the server's the same way.
 */
export type Coverage = 'national' | 'regional' | 'global';

export interface ProposalDraft {
  projectId: string;
  primaId: string;
  texts: { language: string; title: string; description: string }[];
  thematicArea: string;
  coverage: Coverage;
  region: string;
  fundingLine: '1' | '2';
  year: string;
  plannedStartDate: string;
  plannedEndDate: string;
  states: { code: string; share: string }[];
  staffAndOfficeCosts: string;
  operationalCosts: string;
  effectiveOn: string;
}

/** A message key of the `workbench` namespace with its values, per field. */
export type FieldErrors = Record<string, { key: string; values?: Record<string, string | number> }>;

/** Amounts in whole cents, or undefined when the text is not an amount of USD. */
export function centsOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  return centsOf(trimmed);
}

/** A share in hundredths of a percent ("33.34" → 3334), or undefined when it is not one. */
export function hundredthsOf(text: string): number | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return value > 0 && value <= 10_000 ? value : undefined;
}

export interface BudgetFigures {
  staff?: number;
  operational?: number;
  total?: number;
  /** Staff costs over the total, percent (display only). */
  staffShare?: number;
  staffOverLimit: boolean;
  ceiling?: number;
  overCeiling: boolean;
  floor?: number;
  belowFloor: boolean;
}

/** Rule 2 and rule 3 for the amounts typed so far; compared in whole cents, as the domain does. */
export function budgetFigures(draft: ProposalDraft, policy: FundPolicy | undefined): BudgetFigures {
  const staff = centsOrUndefined(draft.staffAndOfficeCosts);
  const operational = centsOrUndefined(draft.operationalCosts);
  const total = staff !== undefined && operational !== undefined ? staff + operational : undefined;
  const ceiling = policy ? centsOf(policy.ceilings[draft.fundingLine][draft.coverage]) : undefined;
  const floor = policy ? centsOf(policy.floors[draft.coverage]) : undefined;
  const max = policy?.staffAndOfficeCostsMaxPercent;
  return {
    ...(staff === undefined ? {} : { staff }),
    ...(operational === undefined ? {} : { operational }),
    ...(total === undefined ? {} : { total }),
    ...(total !== undefined && total > 0 && staff !== undefined ? { staffShare: (staff / total) * 100 } : {}),
    // staff × 100 > total × limit: the domain's comparison, with no division.
    staffOverLimit: staff !== undefined && total !== undefined && max !== undefined && staff * 100 > total * max,
    ...(ceiling === undefined ? {} : { ceiling }),
    overCeiling: total !== undefined && ceiling !== undefined && total > ceiling,
    ...(floor === undefined ? {} : { floor }),
    belowFloor: total !== undefined && floor !== undefined && total < floor,
  };
}

const ID = /^\S+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Everything the form refuses before sending; empty when the proposal may be sent. */
export function proposalErrors(draft: ProposalDraft, policy: FundPolicy | undefined): FieldErrors {
  const errors: FieldErrors = {};
  const required = (field: string, value: string) => {
    if (value.trim() === '') errors[field] = { key: 'errors.required' };
  };
  required('projectId', draft.projectId);
  if (draft.projectId.trim() !== '' && !ID.test(draft.projectId.trim())) errors.projectId = { key: 'errors.noSpaces' };
  required('primaId', draft.primaId);
  if (draft.texts.length === 0) errors.title = { key: 'errors.oneLanguage' };
  // The API wants a title and a description in at least one language each, and no blank
  // text: a language may have only one of the two (a Russian title, an Arabic description).
  for (const text of draft.texts) {
    if (text.title.trim() === '' && text.description.trim() === '') required(`title.${text.language}`, '');
  }
  const first = draft.texts[0]?.language;
  if (first !== undefined && !draft.texts.some((text) => text.title.trim() !== '')) required(`title.${first}`, '');
  if (first !== undefined && !draft.texts.some((text) => text.description.trim() !== '')) required(`description.${first}`, '');
  required('thematicArea', draft.thematicArea);
  required('region', draft.region);
  if (!/^\d{4}$/.test(draft.year.trim())) errors.year = { key: 'errors.year' };
  for (const field of ['plannedStartDate', 'plannedEndDate'] as const) {
    if (!DATE.test(draft[field])) errors[field] = { key: 'errors.date' };
  }
  if (!errors.plannedStartDate && !errors.plannedEndDate && draft.plannedEndDate < draft.plannedStartDate) errors.plannedEndDate = { key: 'errors.endBeforeStart' };
  if (draft.effectiveOn !== '' && !DATE.test(draft.effectiveOn)) errors.effectiveOn = { key: 'errors.date' };

  // Rule 4: national ⇒ exactly one state, regional ⇒ at least two.
  const count = draft.states.length;
  if (draft.coverage === 'national' && count !== 1) errors.beneficiaryStates = { key: 'errors.nationalOneState' };
  if (draft.coverage === 'regional' && count < 2) errors.beneficiaryStates = { key: 'errors.regionalTwoStates' };
  // Shares are optional, but when one is given every state has one and they add up to 100.
  const given = draft.states.filter((state) => state.share.trim() !== '');
  if (given.length > 0) {
    let sum = 0;
    draft.states.forEach((state, index) => {
      const share = hundredthsOf(state.share);
      if (share === undefined) errors[`beneficiaryStates.${index}.share`] = { key: state.share.trim() === '' ? 'errors.shareMissing' : 'errors.share' };
      else sum += share;
    });
    const invalid = draft.states.some((_, index) => errors[`beneficiaryStates.${index}.share`]);
    if (!invalid && sum !== 10_000) errors.beneficiaryStates = { key: 'errors.sharesSum', values: { sum: (sum / 100).toFixed(2) } };
  }

  const figures = budgetFigures(draft, policy);
  if (figures.staff === undefined) errors['budget.staffAndOfficeCosts'] = { key: 'errors.amount' };
  if (figures.operational === undefined) errors['budget.operationalCosts'] = { key: 'errors.amount' };
  if (figures.total === 0) errors.budget = { key: 'errors.zeroBudget' };
  if (figures.staffOverLimit) errors['budget.staffAndOfficeCosts'] = { key: 'errors.staffOverLimit', values: { limit: policy!.staffAndOfficeCostsMaxPercent } };
  if (figures.overCeiling) errors.budget = { key: 'errors.overCeiling' };
  return errors;
}

/** The request body of POST /projects (DraftProjectRequest) for a proposal the checks let through. */
export function draftRequestOf(draft: ProposalDraft) {
  const texts = (pick: 'title' | 'description') => Object.fromEntries(draft.texts.filter((text) => text[pick].trim() !== '').map((text) => [text.language, text[pick].trim()]));
  const anyShare = draft.states.some((state) => state.share.trim() !== '');
  return {
    projectId: draft.projectId.trim(),
    primaId: draft.primaId.trim(),
    title: texts('title'),
    description: texts('description'),
    thematicArea: draft.thematicArea,
    coverage: draft.coverage,
    fundingLine: Number(draft.fundingLine),
    region: draft.region,
    beneficiaryStates: draft.states.map((state) => (anyShare ? { code: state.code, share: state.share.trim() } : { code: state.code })),
    plannedStartDate: draft.plannedStartDate,
    plannedEndDate: draft.plannedEndDate,
    year: Number(draft.year),
    budget: { staffAndOfficeCosts: draft.staffAndOfficeCosts.trim(), operationalCosts: draft.operationalCosts.trim() },
    ...(draft.effectiveOn === '' ? {} : { effectiveOn: draft.effectiveOn }),
  };
}

/** A problem's field (`field`, or a JSON pointer) as the form's dotted key. */
export function fieldKeyOf(error: { field?: string; pointer?: string }): string | undefined {
  if (error.field) return error.field;
  if (error.pointer) return error.pointer.replace(/^#?\//, '').split('/').join('.');
  return undefined;
}

/** What a draft's card holds that the proposal form edits (GET /projects/{id}). */
export interface ProposalOnCard {
  projectId: string;
  primaId: string;
  title: Record<string, string>;
  description?: Record<string, string>;
  thematicArea?: string;
  coverage: string;
  region?: string;
  fundingLine: number;
  year: number;
  plannedStartDate: string;
  plannedEndDate: string;
  beneficiaryStates: { code: string; share?: string }[];
  budget: { staffAndOfficeCosts: string; operationalCosts: string };
}

/**
 * The form's fields filled from a draft's card, to amend it: every language it has a title
 * or a description in, its states with their shares (as the card states them: they add up
 * to 100 already), its budget. The business date is left empty (today).
 */
export function draftOf(card: ProposalOnCard): ProposalDraft {
  const description = card.description ?? {};
  const languages = [...new Set([...Object.keys(card.title), ...Object.keys(description)])];
  return {
    projectId: card.projectId,
    primaId: card.primaId,
    texts: languages.map((language) => ({ language, title: card.title[language] ?? '', description: description[language] ?? '' })),
    thematicArea: card.thematicArea ?? '',
    coverage: card.coverage as Coverage,
    region: card.region ?? '',
    fundingLine: String(card.fundingLine) as '1' | '2',
    year: String(card.year),
    plannedStartDate: card.plannedStartDate,
    plannedEndDate: card.plannedEndDate,
    states: card.beneficiaryStates.map((state) => ({ code: state.code, share: state.share ?? '' })),
    staffAndOfficeCosts: card.budget.staffAndOfficeCosts,
    operationalCosts: card.budget.operationalCosts,
    effectiveOn: '',
  };
}

/** The body of POST /projects/{id}/amend: the whole proposal again, but not its id (the project it amends is in the path). */
export function amendRequestOf(draft: ProposalDraft) {
  const { projectId: _projectId, ...rest } = draftRequestOf(draft);
  return rest;
}
