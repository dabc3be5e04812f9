import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { chosenAsOf, useAsOf } from './as-of';
import { apiPath, getJson } from './client';
import { filterQueryOf, type PortfolioFilterValues } from './portfolio-query';

/** GET /funding/summary: how its groups are made (`groupBy`). */
export const GROUPINGS = ['region', 'state', 'type', 'year', 'line', 'status'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The money a chart or a map can show; the delivery rate is the API's, never recomputed here. */
export const MEASURES = ['budget', 'committed', 'disbursed', 'spent'] as const;
export type Measure = (typeof MEASURES)[number];

/** Sums of a group of projects, USD as decimal strings ("37887.00"), delivery rate in percent. */
export interface FundingSums {
  projects: number;
  budget: string;
  committed: string;
  disbursed: string;
  spent: string;
  refunded: string;
  unspentBalance: string;
  deliveryRate: string | null;
}

/** One group: the value grouped by sits under the grouping's name (`region`, `year`, …); null for projects without one. */
export interface FundingGroup extends FundingSums {
  region?: string | null;
  /** ISO 3166-1 alpha-2, or `global` for the money of projects without a beneficiary state. */
  state?: string;
  /** By state: the country's name in English, or "Global (cross-regional)". */
  label?: string;
  type?: string | null;
  year?: number | null;
  line?: number | null;
  status?: string | null;
}

export interface FundingSummary {
  groupBy: Grouping;
  groups: FundingGroup[];
  /** The groups add up to it to the cent; a regional project is counted once. */
  total: FundingSums;
}

/** The value a group was made of, as text ('' for projects without one). */
export function groupValueOf(grouping: Grouping, group: FundingGroup): string {
  const value = group[grouping];
  return value === null || value === undefined ? '' : String(value);
}

/** The summary's path, as of the instant chosen (api/as-of.ts) unless `asOf` says otherwise: the JSON and the CSV link alike. */
export function fundingSummaryPath(grouping: Grouping, filters: PortfolioFilterValues, format?: 'csv', asOf: string | undefined = chosenAsOf()): string {
  return apiPath('/funding/summary', { groupBy: grouping, ...filterQueryOf(filters), format, asOf });
}

/**
 * The summary for one grouping and the filters. While the next filters load, the previous
 * answer stays on screen (`isPlaceholderData`), so charts do not collapse and jump back.
 */
export function useFundingSummary(grouping: Grouping, filters: PortfolioFilterValues, options: { enabled?: boolean } = {}) {
  const path = fundingSummaryPath(grouping, filters, undefined, useAsOf());
  return useQuery({
    queryKey: ['funding-summary', path],
    queryFn: ({ signal }) => getJson<FundingSummary>(path, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/**
 * GET /funding/summaries: the summaries of several groupings in one answer, each as GET
 * /funding/summary gives it. The overview shows all six: one request instead of six, so
 * they do not take every connection the browser opens to the API (six under HTTP/1.1)
 * while the page's code and words still load.
 */
export function fundingSummariesPath(groupings: readonly Grouping[], filters: PortfolioFilterValues, asOf: string | undefined = chosenAsOf()): string {
  return apiPath('/funding/summaries', { groupBy: [...groupings], ...filterQueryOf(filters), asOf });
}

export type FundingSummaries = Record<Grouping, FundingSummary>;

/** The query of several groupings' summaries, by grouping, as of the instant chosen; the same for the route's prefetch and the page. */
export function fundingSummariesQuery(groupings: readonly Grouping[], filters: PortfolioFilterValues, asOf: string | undefined = chosenAsOf()) {
  const path = fundingSummariesPath(groupings, filters, asOf);
  return {
    queryKey: ['funding-summaries', path],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<Partial<FundingSummaries>> => {
      const answer = await getJson<{ summaries: FundingSummary[] }>(path, signal);
      return Object.fromEntries(answer.summaries.map((summary) => [summary.groupBy, summary]));
    },
  };
}

/** Several groupings' summaries for the filters; while the next filters load, the previous answer stays (`isPlaceholderData`). */
export function useFundingSummaries(groupings: readonly Grouping[], filters: PortfolioFilterValues) {
  return useQuery({ ...fundingSummariesQuery(groupings, filters, useAsOf()), placeholderData: keepPreviousData });
}
