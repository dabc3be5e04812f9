import type { Project } from '#domain';
import { normalizedForSearch } from '../../search-normalization.js';

/**
 * What the portfolio's text search matches: the ids and every title and description in every
 * language, folded for search (normalizedForSearch: case, Unicode form, accents, Arabic
 * diacritics and hamza forms, typographic quotes), the very fold query words go through, so
 * that a word typed in any script without what readers do not type finds the project.
 * Languages are taken in tag order, so the text does not depend on the key order a store
 * gives back. Changing the fold changes stored text: rebuild the portfolio view after it.
 */
export function searchTextOf(project: Project): string {
  const texts = [project.projectId, project.primaId, ...inTagOrder(project.title), ...inTagOrder(project.description)];
  return normalizedForSearch(texts.join(' '));
}


function inTagOrder(text: Record<string, string>): string[] {
  return Object.keys(text)
    .sort(byCodePoint)
    .map((tag) => text[tag]!);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
