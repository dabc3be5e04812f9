import { DomainError, type FieldError } from '../shared/domain-error.js';
import { cents, type Cents } from '../shared/money.js';
import type { Coverage, FundingLine } from '../project/commands.js';

/**
 * The fund's configurable policy, passed into the commands that need it (the domain has no
 * configuration of its own). Ceilings and floors are per funding line and coverage
 * (rule 3); code lists are the current thematic areas and regions (admin-extensible).
 */
export interface FundPolicy {
  ceilings: Record<FundingLine, Record<Coverage, Cents>>;
  /** Budgets below these are allowed but flagged with a warning. */
  floors: Record<Coverage, Cents>;
  thematicAreas: readonly string[];
  regions: readonly string[];
}

const FUNDING_LINES: readonly FundingLine[] = [1, 2];
const COVERAGES: readonly Coverage[] = ['national', 'regional', 'global'];
const usd = (dollars: number): Cents => cents(dollars * 100);

/** Rule 3's defaults: the most a project may ask for, per funding line and coverage. */
export const DEFAULT_CEILINGS: Readonly<Record<FundingLine, Readonly<Record<Coverage, Cents>>>> = {
  1: { national: usd(100_000), regional: usd(200_000), global: usd(200_000) },
  2: { national: usd(200_000), regional: usd(300_000), global: usd(300_000) },
};

/**
 * Rule 3's defaults for the warning threshold. DOMAIN.md names national and regional; global
 * work spans regions, so it takes the regional floor.
 */
export const DEFAULT_FLOORS: Readonly<Record<Coverage, Cents>> = {
  national: usd(50_000),
  regional: usd(100_000),
  global: usd(100_000),
};

export interface FundPolicySettings {
  /** Overrides per line and coverage; whatever is not given keeps its default. */
  ceilings?: Partial<Record<FundingLine, Partial<Record<Coverage, number>>>>;
  floors?: Partial<Record<Coverage, number>>;
  thematicAreas: readonly string[];
  regions: readonly string[];
}

/**
 * Builds the policy from configuration and the current code lists. Checked once, when the
 * application starts or reloads its configuration: every amount is whole cents, every
 * ceiling is above zero and no floor is above a ceiling of the same coverage.
 * Throws `fund-policy.invalid` with one field error per problem.
 */
export function makeFundPolicy(settings: FundPolicySettings): FundPolicy {
  const errors: FieldError[] = [];
  const amount = (value: number | undefined, fallback: Cents, field: string, minimum: number): Cents => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value < minimum) {
      errors.push({ field, message: `must be a whole number of cents, at least ${minimum}` });
      return fallback;
    }
    return value as Cents;
  };
  const line = (l: FundingLine) =>
    Object.fromEntries(
      COVERAGES.map((c) => [c, amount(settings.ceilings?.[l]?.[c], DEFAULT_CEILINGS[l][c], `ceilings.${l}.${c}`, 1)]),
    ) as Record<Coverage, Cents>;
  const ceilings = { 1: line(1), 2: line(2) };
  const floors = Object.fromEntries(
    COVERAGES.map((c) => [c, amount(settings.floors?.[c], DEFAULT_FLOORS[c], `floors.${c}`, 0)]),
  ) as Record<Coverage, Cents>;

  for (const l of FUNDING_LINES) {
    for (const c of COVERAGES) {
      if (floors[c] > ceilings[l][c]) {
        errors.push({ field: `floors.${c}`, message: `must not be above the line ${l} ${c} ceiling` });
      }
    }
  }
  if (settings.thematicAreas.length === 0) errors.push({ field: 'thematicAreas', message: 'must not be empty' });
  if (settings.regions.length === 0) errors.push({ field: 'regions', message: 'must not be empty' });
  if (errors.length > 0) {
    throw new DomainError(
      'fund-policy.invalid',
      `the fund policy is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      'invalid',
      errors,
    );
  }
  return { ceilings, floors, thematicAreas: [...settings.thematicAreas], regions: [...settings.regions] };
}
