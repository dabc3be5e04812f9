import type { Client, Reply } from './test-app.js';

/**
 * Reading the query API (the views) in tests: query strings, every page of a paged list,
 * and a full record of what every view shows, to compare before and after a rebuild.
 */

export type Params = Record<string, string | number | undefined>;

/** `/portfolio` + { status: 'active', q: 'миграция' } → `/portfolio?status=active&q=%D0%BC…`. */
export function withQuery(path: string, params: Params = {}): string {
  const query = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** A GET that must answer 200; fails with the body otherwise. */
export async function read<Body = any>(client: Client, path: string, params: Params = {}): Promise<Body> {
  const reply = await client.get<Body>(withQuery(path, params));
  if (reply.status !== 200) {
    throw new Error(`GET ${withQuery(path, params)} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

export interface Pages<Item> {
  items: Item[];
  /** How many requests it took. */
  pages: number;
  /** Each page's item count, in order. */
  sizes: number[];
}

/**
 * Every item of a paged list (`{ items, nextCursor }`), following `nextCursor` until it is null.
 * Refuses a page that is larger than asked, and stops (failing) after `maxPages`.
 */
export async function allPages<Item = any>(client: Client, path: string, params: Params = {}, maxPages = 500): Promise<Pages<Item>> {
  const items: Item[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  for (let page = 1; page <= maxPages; page += 1) {
    const body = await read<{ items: Item[]; nextCursor: string | null }>(client, path, { ...params, cursor });
    if (!Array.isArray(body.items)) throw new Error(`GET ${path}: no items in ${JSON.stringify(body)}`);
    if (typeof params.limit === 'number' && body.items.length > params.limit) {
      throw new Error(`GET ${path}: ${body.items.length} items on a page of at most ${params.limit}`);
    }
    items.push(...body.items);
    sizes.push(body.items.length);
    if (body.nextCursor === null || body.nextCursor === undefined) return { items, pages: page, sizes };
    cursor = body.nextCursor;
  }
  throw new Error(`GET ${path}: still more after ${maxPages} pages`);
}

/** "37887.01" → 3788701 (USD strings of the API to cents; refuses anything else). */
export function centsOf(usd: unknown): number {
  if (typeof usd !== 'string') throw new Error(`not a USD string: ${JSON.stringify(usd)}`);
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(usd);
  if (!match) throw new Error(`not a USD amount with two decimals: ${JSON.stringify(usd)}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

export const MONEY = ['budget', 'committed', 'disbursed', 'spent'] as const;
export type MoneyField = (typeof MONEY)[number];
export const GROUPINGS = ['region', 'state', 'type', 'year', 'line', 'status'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Sum in cents of a money field over rows that carry it as a USD string. */
export function sumOf(rows: readonly Record<string, unknown>[], field: string): number {
  return rows.reduce((total, row) => total + centsOf(row[field]), 0);
}

/** Whether a reply is a server error (for "the service keeps answering"). */
export function isServerError(reply: Reply): boolean {
  return reply.status >= 500;
}

/** Everything the query API shows, as documents, read by staff (and a donor) at a position. */
export interface ViewRecord {
  [view: string]: unknown;
}

/**
 * Reads every view in full: the portfolio (every page, in two sorts), every project card,
 * the funding summary by each grouping, envelopes, contributions, the approval queue
 * (without its clock-dependent waiting times), the whole audit trail and each project's,
 * and what a donor sees. Small pages, so that paging is part of what is compared.
 */
export async function recordAllViews(readers: { staff: Client; donor: Client }, minPosition?: string): Promise<ViewRecord> {
  const at: Params = minPosition === undefined ? {} : { minPosition };
  const { staff, donor } = readers;
  const record: ViewRecord = {};
  const portfolio = await allPages(staff, '/portfolio', { ...at, limit: 3 });
  record['portfolio'] = portfolio.items;
  record['portfolio by budget desc'] = (await allPages(staff, '/portfolio', { ...at, limit: 4, sort: 'budget', direction: 'desc' })).items;
  for (const project of portfolio.items as { projectId: string }[]) {
    record[`card ${project.projectId}`] = await read(staff, `/portfolio/${project.projectId}`, at);
    record[`audit ${project.projectId}`] = (await allPages(staff, `/projects/${project.projectId}/audit-trail`, { ...at, limit: 5 })).items;
  }
  for (const groupBy of GROUPINGS) {
    record[`funding by ${groupBy}`] = await read(staff, '/funding/summary', { ...at, groupBy });
    record[`donor funding by ${groupBy}`] = await read(donor, '/funding/summary', { ...at, groupBy });
  }
  record['envelopes'] = await read(staff, '/funding/envelopes', at);
  record['contributions'] = await read(staff, '/funding/contributions', at);
  record['approval queue'] = (await allPages(staff, '/approval-queue', { ...at, limit: 2 })).items.map(withoutWaitingTimes);
  record['audit trail'] = (await allPages(staff, '/audit-trail', { ...at, limit: 25 })).items;
  record['donor portfolio'] = (await allPages(donor, '/portfolio', { ...at, limit: 3 })).items;
  return record;
}

/** An approval-queue item without what depends on the clock of the request. */
export function withoutWaitingTimes(item: Record<string, unknown>): Record<string, unknown> {
  const { waitingDays: _days, waitingSeconds: _seconds, ...rest } = item;
  return rest;
}
