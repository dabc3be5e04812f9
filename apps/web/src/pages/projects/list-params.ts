import { useSearchParams } from 'react-router';
import type { Direction, SortField } from '../../api/portfolio-list';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** The parameters a new search, filter, sort or page size makes meaningless: the page reached. */
export const PAGE_POSITION = ['cursor', 'back'] as const;

/**
 * The list's order and page, in the address beside the filters: `sort` and `direction` as
 * the API names them, `limit`, and the page reached as the API's `cursor` plus `back`, the
 * cursors of the pages before it (comma-separated; cursors are base64url, without commas).
 * So a reload, a shared link or the browser's back button shows the same page, and
 * "Previous" works after a reload too. Values the API does not know are passed on as they
 * are: it refuses them with a message the page shows.
 */
export interface ListPosition {
  sort: SortField | undefined;
  direction: Direction | undefined;
  /** As written in the address (the API judges it: 1 to 200), else the default. */
  limit: string;
  cursor: string | undefined;
  back: string[];
  /** 1 for the first page. */
  pageNumber: number;
}

export function useListPosition(): ListPosition {
  const [params] = useSearchParams();
  return listPositionOf(params);
}

export function listPositionOf(params: URLSearchParams): ListPosition {
  const sort = params.get('sort') ?? undefined;
  const direction = params.get('direction') ?? undefined;
  const limit = params.get('limit') || String(DEFAULT_PAGE_SIZE);
  const cursor = params.get('cursor') || undefined;
  const back = cursor ? (params.get('back') ?? '').split(',').filter(Boolean) : [];
  return {
    sort: sort as SortField | undefined,
    direction: direction as Direction | undefined,
    limit,
    cursor,
    back,
    pageNumber: cursor ? back.length + 2 : 1,
  };
}

/** The address of the next page: its cursor, and this page's cursor added to the way back. */
export function nextPageParams(params: URLSearchParams, position: ListPosition, nextCursor: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('cursor', nextCursor);
  const back = position.cursor ? [...position.back, position.cursor] : [];
  if (back.length > 0) next.set('back', back.join(','));
  else next.delete('back');
  return next;
}

/** The address of the previous page: the last cursor of the way back (none: the first page). */
export function previousPageParams(params: URLSearchParams, position: ListPosition): URLSearchParams {
  const next = new URLSearchParams(params);
  const back = [...position.back];
  const previous = back.pop();
  if (previous) next.set('cursor', previous);
  else next.delete('cursor');
  if (back.length > 0) next.set('back', back.join(','));
  else next.delete('back');
  return next;
}

export function firstPageParams(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of PAGE_POSITION) next.delete(name);
  return next;
}
