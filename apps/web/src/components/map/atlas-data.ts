import outlinesUrl from 'virtual:world-outlines-url';
import type { CountryOutline } from '../../../build/world-outlines';

export type { CountryOutline };

let outlines: Promise<CountryOutline[]> | undefined;

/**
 * The countries' outlines, projected at build time (apps/web/build/world-outlines.ts), fetched
 * once. Light on purpose, so the overview's route can ask for them while the page's own
 * code still loads (prefetch.ts).
 */
export function countryOutlines(): Promise<CountryOutline[]> {
  outlines ??= fetch(outlinesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`the world map could not be loaded (${response.status})`);
      return response.json() as Promise<CountryOutline[]>;
    })
    .catch((error: unknown) => {
      outlines = undefined; // a later visit tries again
      throw error;
    });
  return outlines;
}
