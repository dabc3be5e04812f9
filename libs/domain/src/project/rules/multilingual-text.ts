import type { FieldError } from '../../shared/domain-error.js';
import type { MultilingualText } from '../commands.js';

/**
 * Title and description are maps of BCP 47 language tag → text, in any script (Cyrillic,
 * Georgian, Arabic right-to-left, …). Tags are recorded in their canonical form ("EN-us" →
 * "en-US"), so one language cannot appear twice under two spellings and every view can
 * look a language up by one key. Lengths count Unicode code points, not UTF-16 units, so
 * no script is penalised.
 */
export function multilingualTextErrors(value: unknown, field: string, maxLength: number): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field, message: 'expected a map of language tag to text' }];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [{ field, message: 'give the text in at least one language' }];
  const seen = new Set<string>();
  return entries.flatMap(([tag, text]) => {
    const canonical = canonicalTag(tag);
    if (canonical === undefined) return [{ field: `${field}.${tag}`, message: `${JSON.stringify(tag)} is not a BCP 47 language tag` }];
    if (seen.has(canonical)) return [{ field: `${field}.${tag}`, message: `the language ${canonical} is given twice` }];
    seen.add(canonical);
    if (typeof text !== 'string' || text.trim() === '') return [{ field: `${field}.${tag}`, message: 'must not be blank' }];
    if ([...text].length > maxLength) return [{ field: `${field}.${tag}`, message: `at most ${maxLength} characters` }];
    return [];
  });
}

/** The same text keyed by canonical language tags; the map must have passed the check above. */
export function withCanonicalTags(text: MultilingualText): MultilingualText {
  return Object.fromEntries(Object.entries(text).map(([tag, value]) => [canonicalTag(tag)!, value]));
}

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
