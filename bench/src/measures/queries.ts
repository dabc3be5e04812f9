import { yearOf } from '../../../apps/generator/src/dates-and-money.js';
import { runHttpLoad, type AcceptEncoding, type HttpLoadResult } from '../http-load.js';
import type { BenchContext } from '../workload.js';

/** What people ask the portfolio list: the first page in a few orders and filters, and a word search. */
export function portfolioPages(today: string): { label: string; path: string }[] {
  const year = yearOf(today);
  return [
    { label: 'first page', path: '/portfolio?limit=50' },
    { label: 'sorted by budget', path: '/portfolio?limit=50&sort=budget&direction=desc' },
    { label: 'status=active', path: '/portfolio?status=active&limit=50' },
    { label: 'region=africa', path: '/portfolio?region=africa&limit=50' },
    { label: `line=2&year=${year}`, path: `/portfolio?line=2&year=${year}&limit=50` },
    { label: 'q=migration', path: '/portfolio?q=migration&limit=50' },
  ];
}

/** The funding summary by each grouping donors use. */
export const FUNDING_SUMMARIES = ['region', 'state', 'type', 'year', 'line', 'status'].map((groupBy) => ({
  label: `groupBy=${groupBy}`,
  path: `/funding/summary?groupBy=${groupBy}`,
}));

/** Closed-loop GETs over `variants`, each connection starting at another variant and taking them in turn. */
export async function measureQueries(
  context: BenchContext,
  variants: readonly { label: string; path: string }[],
  options: { connections: number; durationSeconds: number; acceptEncoding?: AcceptEncoding },
): Promise<HttpLoadResult> {
  let connection = 0;
  return runHttpLoad({
    baseUrl: context.baseUrl,
    connections: options.connections,
    ...(options.acceptEncoding ? { acceptEncoding: options.acceptEncoding } : {}),
    durationSeconds: options.durationSeconds,
    driver: () => {
      let turn = connection++;
      return {
        next: () => {
          const variant = variants[turn++ % variants.length]!;
          return { label: variant.label, method: 'GET', path: variant.path, token: context.tokens.aurelia };
        },
      };
    },
  });
}
