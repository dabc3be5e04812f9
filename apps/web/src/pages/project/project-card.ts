import { useQuery } from '@tanstack/react-query';
import { useAsOfPath } from '../../api/as-of';
import { getJson } from '../../api/client';

/**
 * The project card as GET /portfolio/{id} answers it (ProjectCardResponse in the API's
 * OpenAPI document): to a visitor or a donor, the public fields only. Money is USD as
 * decimal strings, shares are percent strings, dates are calendar dates.
 */
export interface PublicTransaction {
  kind: 'disbursement' | 'expenditure' | 'refund';
  amount: string;
  valueDate: string;
}

export interface StateShare {
  code: string;
  share: string;
}

export interface StateSplit {
  /** null: a global project's money, which no beneficiary state is named for. */
  state: string | null;
  budget: string;
  committed: string;
  disbursed: string;
  spent: string;
  refunded: string;
  unspentBalance: string;
}

/** Staff see the card's budget warnings; the public card carries none. */
export interface CardWarning {
  code: string;
  detail: string;
}

export interface ProjectCard {
  projectId: string;
  primaId: string;
  title: Record<string, string>;
  description?: Record<string, string>;
  thematicArea: string;
  coverage: 'national' | 'regional' | 'global';
  fundingLine: number;
  region: string;
  beneficiaryStates: StateShare[];
  stateCodes: string[];
  plannedStartDate: string;
  plannedEndDate: string;
  currentEndDate: string;
  actualStartDate?: string;
  actualEndDate?: string;
  year: number;
  status: string;
  iatiActivityStatus: number;
  budget: string;
  staffAndOfficeCosts: string;
  operationalCosts: string;
  committed: string;
  disbursed: string;
  spent: string;
  refunded: string;
  unspentBalance: string;
  deliveryRate: string | null;
  splits: StateSplit[];
  transactionsPublic: PublicTransaction[];
  warnings?: CardWarning[];
}

export function useProjectCard(projectId: string) {
  const path = useAsOfPath(`/portfolio/${encodeURIComponent(projectId)}`);
  return useQuery({
    queryKey: ['portfolio', 'card', projectId, path],
    queryFn: ({ signal }) => getJson<ProjectCard>(path, signal),
  });
}

interface CodeList {
  name: string;
  entries: { code: string; label: string }[];
}

/**
 * A code list's labels by code (GET /code-lists/{list}): the fund's own words, which an admin
 * may extend. To the public, each entry's public label.
 */
export function useCodeLabels(list: 'thematic-areas' | 'regions') {
  return useQuery({
    queryKey: ['code-list-entries', list],
    queryFn: ({ signal }) => getJson<CodeList>(`/code-lists/${list}`, signal),
    staleTime: 10 * 60_000,
    select: (codeList) => new Map(codeList.entries.map((entry) => [entry.code, entry.label])),
  });
}
