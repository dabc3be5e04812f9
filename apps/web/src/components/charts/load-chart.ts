import type { Chart } from './chart-parts';

let loading: Promise<typeof Chart> | undefined;

/**
 * Chart.js with the portal's parts registered, fetched the first time a chart is to be drawn
 * (or when the overview is on screen, so a reader who scrolls finds it ready). It is ~60 kB
 * gzip and ~170 kB of JavaScript to evaluate: kept out of the overview's first chunk, it
 * no longer delays the first paint of the totals, the map and the tables.
 */
export function loadChart(): Promise<typeof Chart> {
  loading ??= import('./chart-parts')
    .then((parts) => parts.Chart)
    .catch((error: unknown) => {
      loading = undefined; // a later chart tries again
      throw error;
    });
  return loading;
}
