import type { Project } from '#domain';
import { normalizedForSearch } from '../../search-normalization.js';

/**
 * What the portfolio's text search matches: the ids and every title and description in every
 * language, lower-cased without a locale's special rules ('und') and NFC-normalised, so that
 * a word typed in Georgian, Arabic or Cyrillic finds the project whatever case or Unicode
 * composition it was written in. Languages are taken in tag order, so the text does not depend
 * on the key order a store gives back.
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
