import type { Cents } from '../shared/money.js';
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
