import { normalizedForSearch } from '../search-normalization.js';

/** The distinct words of a text query, normalised as the projections store `searchText`. */
export function searchWords(text: string): string[] {
  return [...new Set(normalizedForSearch(text).split(/\s+/u).filter((word) => word !== ''))];
}
