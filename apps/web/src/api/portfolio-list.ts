import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Texts } from '../format/project-text';
import { asOfKey, chosenAsOf, useAsOf } from './as-of';
import { apiPath, getJson } from './client';
import { filterQueryOf, type PortfolioFilterValues } from './portfolio-query';

/** The sort fields GET /portfolio takes (`sort`), in the order a reader is offered them. */
export const SORT_FIELDS = [
  'projectId',
  'primaId',
  'year',
  'status',
  'region',
  'type',
  'line',
  'coverage',
  'budget',
  'committed',
  'disbursed',
  'spent',
  'plannedStartDate',
  'plannedEndDate',
  'updatedAt',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type Direction = 'asc' | 'desc';

/** The fields of a project the list shows (the API sends the whole public card). */
export interface ProjectListItem {
  projectId: string;
  title: Texts;
  thematicArea: string;
  coverage: 'national' | 'regional' | 'global';
  region: string;
  stateCodes: string[];
  status: string;
  year: number;
  fundingLine: number;
  budget: string;
  disbursed: string;
  spent: string;
  deliveryRate: string | null;
}

export interface PortfolioPage {
  items: ProjectListItem[];
  /** The cursor of the next page; null on the last. */
  nextCursor: string | null;
}

export interface ListOrder {
  sort?: SortField;
  direction?: Direction;
}

/** One page of the list: `limit` projects after `cursor` (a cursor the previous page gave). */
export function portfolioPagePath(filters: PortfolioFilterValues, order: ListOrder, page: { limit: number | string; cursor?: string }, asOf?: string): string {
  return apiPath('/portfolio', { ...filterQueryOf(filters), sort: order.sort, direction: order.direction, limit: page.limit, cursor: page.cursor, asOf });
}

/**
 * The CSV of the list as shown: the same filters, search, sort and direction. The API
 * writes the whole filtered list (it refuses limit and cursor: a page is not the portfolio),
 * as of the instant chosen (api/as-of.ts) when there is one.
 */
export function portfolioCsvPath(filters: PortfolioFilterValues, order: ListOrder, asOf: string | undefined = chosenAsOf()): string {
  return apiPath('/portfolio', { ...filterQueryOf(filters), sort: order.sort, direction: order.direction, format: 'csv', asOf });
}

/** One page per request, whatever the portfolio's size; the page on screen stays while the next loads. */
export function usePortfolioPage(filters: PortfolioFilterValues, order: ListOrder, page: { limit: number | string; cursor?: string }) {
  const asOf = useAsOf();
  const path = portfolioPagePath(filters, order, page, asOf);
  return useQuery({
    queryKey: ['portfolio-page', path, asOfKey(asOf)],
    queryFn: ({ signal }) => getJson<PortfolioPage>(path, signal),
    placeholderData: keepPreviousData,
  });
}
