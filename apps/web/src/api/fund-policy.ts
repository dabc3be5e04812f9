import { useQuery } from '@tanstack/react-query';
import { getJson } from './client';

type Coverage = 'national' | 'regional' | 'global';

/** GET /fund/policy: what the commands are decided under (rules 2 and 3), USD as decimal strings. */
export interface FundPolicy {
  ceilings: Record<'1' | '2', Record<Coverage, string>>;
  floors: Record<Coverage, string>;
  staffAndOfficeCostsMaxPercent: number;
  timeZone: string;
  today: string;
}

export function useFundPolicy() {
  // Configuration: it changes when the service restarts, not while a form is open.
  return useQuery({ queryKey: ['fund', 'policy'], queryFn: ({ signal }) => getJson<FundPolicy>('/fund/policy', signal), staleTime: 10 * 60_000 });
}
