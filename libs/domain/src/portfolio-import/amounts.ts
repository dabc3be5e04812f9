import { DomainError } from '../shared/domain-error.js';
import { cents, type Cents } from '../shared/money.js';

export type ListLanguage = 'en' | 'fr' | 'es';

/**
 * How each language of the fund's lists writes USD amounts. English: "37,887.00" (comma
 * groups, point decimals). French: "37 887,00" (space groups — plain, no-break or narrow
 * no-break —, comma decimals). Spanish: "37.887,00" or "37 887,00" (point or space groups,
 * comma decimals). Whatever the language, digits only ("37887") are whole dollars and
 * "37887.00" (a point then exactly two digits, no grouping) is the machine form.
 */
const GROUPS: Record<ListLanguage, string> = { en: ',', fr: ' \u00a0\u202f', es: '. \u00a0\u202f' };
const DECIMAL: Record<ListLanguage, string> = { en: '.', fr: ',', es: ',' };
const LANGUAGE_NAMES: Record<ListLanguage, string> = { en: 'English', fr: 'French', es: 'Spanish' };

/**
 * Parses an amount of a list into cents, digit by digit (never through a float). Without a
 * language, an amount whose separators mean different things in en/fr/es ("37,887",
 * "37.887") is refused as ambiguous; with one, it is read that language's way.
 */
export function parseListAmount(text: string, language: ListLanguage | undefined, field: string): Cents {
  const value = text.trim().replace(/^(USD|US\$|\$)\s*/i, '').replace(/\s*(USD)$/i, '');
  if (/^\d{1,13}$/.test(value)) return cents(Number(value) * 100);
  const machine = /^(\d{1,13})\.(\d{2})$/.exec(value);
  if (machine) return cents(Number(machine[1]) * 100 + Number(machine[2]));
  const readings = (language === undefined ? (['en', 'fr', 'es'] as const) : [language]).flatMap((lang) => {
    const parsed = readAs(value, lang);
    return parsed === undefined ? [] : [parsed];
  });
  const distinct = [...new Set(readings)];
  // "37,887" or "37.887": thousands in one language, three decimals (so malformed) in another.
  const threeAfterLast = language === undefined && /[.,]\d{3}$/.test(value);
  if (distinct.length === 1 && !threeAfterLast) return cents(distinct[0]!);
  if (distinct.length > 1 || threeAfterLast) {
    throw new DomainError(
      'import.ambiguous-amount',
      `${field} "${text}" reads differently in English and in French or Spanish; give the row a language or write it as 37887.00`,
      'invalid',
      [{ field, message: 'ambiguous decimal separator' }],
    );
  }
  const how = language === undefined ? 'e.g. 37,887.00, 37 887,00 or 37887.00' : `in ${LANGUAGE_NAMES[language]}, e.g. ${example(language)}`;
  throw new DomainError('import.malformed-amount', `${field} "${text}" is not an amount of US dollars (${how})`, 'invalid', [
    { field, message: 'not an amount' },
  ]);
}

function example(language: ListLanguage): string {
  return { en: '37,887.00', fr: '37 887,00', es: '37.887,00' }[language];
}

/** The value in cents read the way `language` writes amounts, or undefined when it is not such an amount. */
function readAs(value: string, language: ListLanguage): number | undefined {
  const decimal = DECIMAL[language];
  const groups = GROUPS[language];
  const at = value.lastIndexOf(decimal);
  const whole = at < 0 ? value : value.slice(0, at);
  const fraction = at < 0 ? '' : value.slice(at + 1);
  if (!/^\d{1,2}$/.test(fraction) && fraction !== '') return undefined;
  if (at >= 0 && fraction === '') return undefined;
  // The whole part: digits, or groups of three after a first group of one to three, all with one separator.
  const separators = [...new Set(whole.replace(/\d/g, ''))];
  if (separators.length > 1 || (separators.length === 1 && !groups.includes(separators[0]!))) return undefined;
  if (separators.length === 1) {
    const parts = whole.split(separators[0]!);
    if (!/^\d{1,3}$/.test(parts[0]!) || !parts.slice(1).every((part) => /^\d{3}$/.test(part))) return undefined;
  } else if (!/^\d{1,13}$/.test(whole)) return undefined;
  const digits = whole.replace(/\D/g, '');
  if (digits.length > 13) return undefined;
  return Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
}
