import { foldLabel } from '../portfolio-import/folding.js';
import { isIso3166Alpha2 } from './iso-3166.js';

/**
 * Names the fund's lists use that ICU does not give in en/fr/es (UN-style official names
 * and older short names), folded like every name.
 */
const VARIANTS: Readonly<Record<string, string>> = {
  'kyrgyz republic': 'KG',
  kirghizistan: 'KG',
  kirguizistan: 'KG',
  kirguizia: 'KG',
  'ivory coast': 'CI',
  'republic of moldova': 'MD',
  'republique de moldova': 'MD',
  'republica de moldova': 'MD',
  turkey: 'TR',
  turquie: 'TR',
  turquia: 'TR',
  'viet nam': 'VN',
  'democratic republic of the congo': 'CD',
  'republique democratique du congo': 'CD',
  'republica democratica del congo': 'CD',
  'united republic of tanzania': 'TZ',
  'lao peoples democratic republic': 'LA',
  'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE',
  'iran islamic republic of': 'IR',
  'syrian arab republic': 'SY',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  'north macedonia': 'MK',
  swaziland: 'SZ',
  'cape verde': 'CV',
  'east timor': 'TL',
  'czech republic': 'CZ',
  burma: 'MM',
};

let names: ReadonlyMap<string, string> | undefined;

/** Folded name → code, for every assigned code, in English, French and Spanish, plus VARIANTS. */
function countryNames(): ReadonlyMap<string, string> {
  if (names !== undefined) return names;
  const map = new Map<string, string>();
  const displays = ['en', 'fr', 'es'].flatMap((locale) =>
    (['long', 'short'] as const).map((style) => new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' })),
  );
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      if (!isIso3166Alpha2(code)) continue;
      for (const display of displays) {
        const name = display.of(code);
        if (name !== undefined && !map.has(foldLabel(name))) map.set(foldLabel(name), code);
      }
    }
  }
  for (const [variant, code] of Object.entries(VARIANTS)) map.set(foldLabel(variant), code);
  names = map;
  return map;
}

/**
 * The ISO 3166-1 alpha-2 code of a country named in English, French or Spanish
 * ("Kyrgyzstan", "Kirghizistan", "Kirguistán", "Côte d’Ivoire"), or given as a code
 * ("KG", "kg"); undefined when no country has that name.
 */
export function countryCodeOf(nameOrCode: string): string | undefined {
  const trimmed = nameOrCode.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && isIso3166Alpha2(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return countryNames().get(foldLabel(trimmed));
}
