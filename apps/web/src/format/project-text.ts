/**
 * A project's own texts (title, description) are maps language → text, in whatever
 * languages the fund entered them (often en, fr, es, ru, ar). The reader sees the one in
 * the interface language when the project has it, may switch among the others, and each
 * is laid out in its own direction (Arabic, Hebrew, Persian, Urdu right to left).
 */
export type Texts = Record<string, string> | string | null | undefined;

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export function directionOf(language: string): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** The languages a text exists in, the preferred one first. */
export function languagesOf(texts: Texts): string[] {
  if (texts === null || texts === undefined) return [];
  if (typeof texts === 'string') return ['en'];
  return Object.keys(texts).filter((language) => texts[language]?.trim());
}

/** The text in `preferred`, else English, else the first there is; with its language and direction for `lang`/`dir`. */
export function pickText(texts: Texts, preferred: string): { text: string; language: string; dir: 'rtl' | 'ltr' } | undefined {
  if (texts === null || texts === undefined) return undefined;
  if (typeof texts === 'string') return { text: texts, language: 'en', dir: 'ltr' };
  const languages = languagesOf(texts);
  const language = [preferred, 'en', ...languages].find((candidate) => languages.includes(candidate));
  if (language === undefined) return undefined;
  return { text: texts[language]!, language, dir: directionOf(language) };
}
