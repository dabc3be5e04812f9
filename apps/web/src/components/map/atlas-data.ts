// Fetched as data (a hashed file under /assets) rather than bundled into the script: the
// browser parses JSON faster than the same object as code, and caches it apart.
import atlasUrl from 'world-atlas/countries-110m.json?url';

let atlas: Promise<unknown> | undefined;

/**
 * The world atlas's topology, fetched once. Light on purpose (no projection code), so the
 * overview's route can ask for it while the page's own code still loads (prefetch.ts).
 */
export function atlasTopology(): Promise<unknown> {
  atlas ??= fetch(atlasUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`the world map could not be loaded (${response.status})`);
      return response.json() as Promise<unknown>;
    })
    .catch((error: unknown) => {
      atlas = undefined; // a later visit tries again
      throw error;
    });
  return atlas;
}
