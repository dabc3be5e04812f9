/**
 * The one form searchable text is kept and compared in. The projections store `searchText`
 * in it and every read store folds query words with it, so both sides always go through this
 * one function: a word typed without what readers do not type still finds its document.
 *
 * What it folds, and why (decisions recorded in README "Text search"):
 * - Unicode forms: NFKC, so ligatures (ﬁ), full-width letters and Arabic presentation
 *   forms compare as the letters they show; the result is NFC.
 * - Case: lower case without any locale's rules ('und'); Georgian has no case and is kept.
 * - Latin and Greek diacritics are dropped (`amelioration` finds "Amélioration"), and the
 *   letters that carry no decomposable mark are spelled out: ß → ss, æ → ae, œ → oe,
 *   ø → o, đ/ð → d, ł → l, ħ → h, þ → th, Turkish dotless ı → i; Greek final ς → σ.
 * - Cyrillic: ё → е (Russian print mostly writes е). й stays й: it is a letter of its own
 *   that every Russian keyboard has, and folding it would make мой find мои.
 * - Arabic: harakat (U+064B–U+065F), superscript alef (U+0670), Quranic marks and tatweel
 *   (U+0640) are dropped; hamza forms fold to their carrier (أ إ آ ٱ → ا, ؤ → و, ئ → ي);
 *   alef maqsura ى and Persian yeh ی → ي, Persian keheh ک → ك; taa marbuta ة → ه, because
 *   readers often type the final ة without its dots, and Arabic search engines (Lucene's
 *   Arabic normaliser) fold it the same way.
 * - Typographic apostrophes and quotes: ’ ‘ ‛ ʼ ´ ` ′ ‹ › → ', “ ” „ ‟ « » ″ → ".
 *
 * Every fold maps a character (with its marks) on its own, never by its neighbours' letters,
 * so a word found in a text is found in the folded text.
 */
export function normalizedForSearch(text: string): string {
  return text
    .replace(TYPOGRAPHIC_QUOTES, (quote) => QUOTE_OF[quote]!)
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .normalize('NFD')
    .replace(LATIN_AND_GREEK_MARKS, '')
    .replace(CYRILLIC_IO_DIAERESIS, '')
    .replace(ARABIC_MARKS, '')
    .replace(SPELLED_OUT_LETTERS, (letter) => LETTER_OF[letter]!)
    .normalize('NFC');
}

/** The distinct words of a text query, normalised as the projections store `searchText`. */
export function searchWords(text: string): string[] {
  return [...new Set(normalizedForSearch(text).split(/\s+/u).filter((word) => word !== ''))];
}

// Mapped before NFKC, which would turn ´ into a space and a combining accent (two words).
const QUOTE_OF: Readonly<Record<string, string>> = {
  '\u2019': "'", '\u2018': "'", '\u201B': "'", '\u02BC': "'", '\u00B4': "'", '`': "'", '\u2032': "'", '\u2039': "'", '\u203A': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
};
const TYPOGRAPHIC_QUOTES = new RegExp(`[${Object.keys(QUOTE_OF).join('')}]`, 'gu');

/** Combining marks (the blocks Latin and Greek letters decompose into) after a Latin or Greek letter. */
const COMBINING = '\\u0300-\\u036F\\u1AB0-\\u1AFF\\u1DC0-\\u1DFF\\u20D0-\\u20FF\\uFE20-\\uFE2F';
const LATIN_AND_GREEK_MARKS = new RegExp(`(?<=[\\p{Script=Latin}\\p{Script=Greek}][${COMBINING}]*)[${COMBINING}]`, 'gu');
/** ё decomposed: е and a diaeresis; other Cyrillic letters with marks (й, ї, ў) are kept. */
const CYRILLIC_IO_DIAERESIS = /(?<=\u0435)\u0308/gu;
/**
 * Harakat and the hamza above and below (U+064B–U+065F: NFD has already split أ إ آ ؤ ئ into
 * carrier and hamza or madda), honorifics (U+0610–U+061A), superscript alef (U+0670),
 * Quranic annotation marks (U+06D6–U+06ED, the letters among them excepted) and tatweel.
 */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u0640]/gu;

const LETTER_OF: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ħ: 'h', þ: 'th', ı: 'i', ς: 'σ',
  '\u0671': '\u0627', '\u0672': '\u0627', '\u0673': '\u0627', // alef wasla, alef with wavy hamza → alef
  '\u0649': '\u064A', '\u06CC': '\u064A', // alef maqsura, Persian yeh → yeh
  '\u06A9': '\u0643', // Persian keheh → kaf
  '\u0629': '\u0647', // taa marbuta → heh
};
const SPELLED_OUT_LETTERS = new RegExp(`[${Object.keys(LETTER_OF).join('')}]`, 'gu');
