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

/** One of the policy's amounts: a ceiling of a funding line and coverage, or a floor. */
export type PolicyAmount = { kind: 'ceiling'; line: FundingLine; coverage: Coverage } | { kind: 'floor'; coverage: Coverage };

/** An amount the policy cannot work with: below its `minimum` (cents), or a floor `above` a ceiling. */
export interface PolicyAmountProblem {
  amount: PolicyAmount;
  message: string;
  minimum?: number;
  above?: PolicyAmount;
}

/**
 * The amounts' rules, apart from the code lists so that configuration can be checked when
 * a process starts (a policy that breaks them would refuse every command later): every
 * amount is whole cents, every ceiling at least one cent, no floor above a ceiling of the
 * same coverage. A floor equal to the ceiling is allowed (every budget up to it warns).
 */
export function policyAmountProblems(settings: Pick<FundPolicySettings, 'ceilings' | 'floors'>): PolicyAmountProblem[] {
  const problems: PolicyAmountProblem[] = [];
  const amount = (value: number | undefined, fallback: Cents, which: PolicyAmount, minimum: number): Cents => {
    if (value === undefined) return fallback;
    if (!Number.isSafeInteger(value) || value < minimum) {
      problems.push({ amount: which, message: `must be a whole number of cents, at least ${minimum}`, minimum });
      return fallback;
    }
    return value as Cents;
  };
  const policy = resolved(settings, amount);
  for (const line of FUNDING_LINES) {
    for (const coverage of COVERAGES) {
      if (policy.floors[coverage] > policy.ceilings[line][coverage]) {
        problems.push({
          amount: { kind: 'floor', coverage },
          message: `must not be above the line ${line} ${coverage} ceiling`,
          above: { kind: 'ceiling', line, coverage },
        });
      }
    }
  }
  return problems;
}

function resolved(
  settings: Pick<FundPolicySettings, 'ceilings' | 'floors'>,
  amount: (value: number | undefined, fallback: Cents, which: PolicyAmount, minimum: number) => Cents,
): Pick<FundPolicy, 'ceilings' | 'floors'> {
  const line = (l: FundingLine) =>
    Object.fromEntries(
      COVERAGES.map((c) => [c, amount(settings.ceilings?.[l]?.[c], DEFAULT_CEILINGS[l][c], { kind: 'ceiling', line: l, coverage: c }, 1)]),
    ) as Record<Coverage, Cents>;
  const ceilings = { 1: line(1), 2: line(2) };
  const floors = Object.fromEntries(
    COVERAGES.map((c) => [c, amount(settings.floors?.[c], DEFAULT_FLOORS[c], { kind: 'floor', coverage: c }, 0)]),
  ) as Record<Coverage, Cents>;
  return { ceilings, floors };
}

const fieldOf = (which: PolicyAmount): string => (which.kind === 'ceiling' ? `ceilings.${which.line}.${which.coverage}` : `floors.${which.coverage}`);

/**
 * Builds the policy from configuration and the current code lists, under the amounts'
 * rules (policyAmountProblems) and with both code lists non-empty.
 * Throws `fund-policy.invalid` with one field error per problem.
 */
export function makeFundPolicy(settings: FundPolicySettings): FundPolicy {
  const errors: FieldError[] = policyAmountProblems(settings).map((problem) => ({ field: fieldOf(problem.amount), message: problem.message }));
  // Used only when there is no error: every amount given is then valid.
  const { ceilings, floors } = resolved(settings, (value, fallback) => (value ?? fallback) as Cents);
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
