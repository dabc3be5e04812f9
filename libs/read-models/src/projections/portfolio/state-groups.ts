import { countryName } from '#domain';

/**
 * The group of the by-state money that benefits no state in particular: a global project that
 * names no beneficiary state keeps its money in one split without a state (project-document.ts),
 * shown as this named group rather than as `null`, so that the groups still add up to the total.
 */
export const GLOBAL_STATE_GROUP = { state: 'global', label: 'Global (cross-regional)' } as const;

/** A by-state group's key and label: the ISO code and the country's English name, or the global group. */
export function stateGroupOf(state: string | number | null): { state: string; label: string } {
  if (state === null) return { ...GLOBAL_STATE_GROUP };
  const code = String(state);
  return { state: code, label: countryName(code) ?? code };
}
