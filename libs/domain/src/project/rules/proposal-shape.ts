import { isCalendarDate } from '../../calendar/calendar-date.js';
import type { FieldError } from '../../shared/domain-error.js';
import type { FundPolicy } from '../../fund/fund-policy.js';
import { isIso3166Alpha2 } from '../../geography/iso-3166.js';
import { budgetShapeErrors } from './budget-shape.js';
import { multilingualTextErrors } from './multilingual-text.js';

/** The fund's project ids: two to four letters, a dot, three to six digits (PO.0143). */
export const PROJECT_ID_PATTERN = /^[A-Z]{2,4}\.[0-9]{3,6}$/;
/** PRIMA ids: four to twenty upper-case letters and digits (KG10P0501). */
export const PRIMA_ID_PATTERN = /^[A-Z0-9]{4,20}$/;
export const TITLE_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 20_000;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const COVERAGES: readonly unknown[] = ['national', 'regional', 'global'];
const FUNDING_LINES: readonly unknown[] = [1, 2];

export function isProjectId(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_ID_PATTERN.test(value);
}

/**
 * Every shape problem of a proposal at once (the user fixes them in one go), as per-field
 * errors. The proposal is checked whole — on an amendment, the draft as it would become.
 * Rules between fields that have their own codes (coverage, shares, staff costs, ceiling)
 * are checked afterwards, on a well-formed proposal.
 */
export function proposalShapeErrors(
  fields: Record<string, unknown>,
  policy: FundPolicy,
  options: { withProjectId?: boolean } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  const check = (ok: boolean, field: string, message: string) => {
    if (!ok) errors.push({ field, message });
  };
  if (options.withProjectId) check(isProjectId(fields.projectId), 'projectId', 'expected e.g. PO.0143');
  const { primaId, thematicArea, region, coverage, fundingLine, year, plannedStartDate, plannedEndDate } = fields;

  check(
    typeof primaId === 'string' && PRIMA_ID_PATTERN.test(primaId),
    'primaId',
    'expected 4–20 upper-case letters and digits, e.g. KG10P0501',
  );
  errors.push(...multilingualTextErrors(fields.title, 'title', TITLE_MAX_LENGTH));
  errors.push(...multilingualTextErrors(fields.description, 'description', DESCRIPTION_MAX_LENGTH));
  check(
    typeof thematicArea === 'string' && policy.thematicAreas.includes(thematicArea),
    'thematicArea',
    'not a thematic area of the fund',
  );
  check(typeof region === 'string' && policy.regions.includes(region), 'region', 'not a region of the fund');
  check(COVERAGES.includes(coverage), 'coverage', 'expected national, regional or global');
  check(FUNDING_LINES.includes(fundingLine), 'fundingLine', 'expected funding line 1 or 2');
  errors.push(...beneficiaryStateErrors(fields.beneficiaryStates));
  check(isCalendarDate(plannedStartDate), 'plannedStartDate', 'expected a calendar date YYYY-MM-DD');
  check(isCalendarDate(plannedEndDate), 'plannedEndDate', 'expected a calendar date YYYY-MM-DD');
  if (isCalendarDate(plannedStartDate) && isCalendarDate(plannedEndDate)) {
    check(plannedStartDate <= plannedEndDate, 'plannedEndDate', 'must not be before the planned start date');
  }
  check(
    typeof year === 'number' && Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR,
    'year',
    `expected a year from ${FIRST_YEAR} to ${LAST_YEAR}`,
  );
  errors.push(...budgetShapeErrors(fields.budget));
  return errors;
}

function beneficiaryStateErrors(states: unknown): FieldError[] {
  if (!Array.isArray(states)) return [{ field: 'beneficiaryStates', message: 'expected a list of states' }];
  const seen = new Set<string>();
  return states.flatMap((state: unknown, index): FieldError[] => {
    const field = `beneficiaryStates.${index}.code`;
    const code = typeof state === 'object' && state !== null ? (state as { code?: unknown }).code : undefined;
    if (!isIso3166Alpha2(code)) return [{ field, message: 'expected an ISO 3166-1 alpha-2 country code, e.g. KG' }];
    if (seen.has(code)) return [{ field, message: `${code} is listed twice` }];
    seen.add(code);
    return [];
  });
}
