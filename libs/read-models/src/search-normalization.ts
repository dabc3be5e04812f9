/**
 * The one form searchable text is kept and compared in: NFC, lower case without any
 * locale's special rules ('und'). The projections store `searchText` in it and every read
 * store normalises query words with it, so a word typed in another case or Unicode
 * composition still finds its document, in any script.
 */
export function normalizedForSearch(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und').normalize('NFC');
}

/** The distinct words of a text query, normalised as the projections store `searchText`. */
export function searchWords(text: string): string[] {
  return [...new Set(normalizedForSearch(text).split(/\s+/u).filter((word) => word !== ''))];
}
