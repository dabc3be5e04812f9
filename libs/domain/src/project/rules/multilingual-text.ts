import type { FieldError } from '../../shared/domain-error.js';

/**
 * Title and description are maps of BCP 47 language tag → text, in any script (Cyrillic,
 * Georgian, Arabic right-to-left, …). Tags must be written in their canonical form
 * ("en", "en-US", "zh-Hant") so that one language cannot appear twice under two spellings.
 * Lengths count Unicode code points, not UTF-16 units, so no script is penalised.
 */
export function multilingualTextErrors(value: unknown, field: string, maxLength: number): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field, message: 'expected a map of language tag to text' }];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [{ field, message: 'give the text in at least one language' }];
  return entries.flatMap(([tag, text]) => {
    const tagProblem = languageTagProblem(tag);
    if (tagProblem) return [{ field: `${field}.${tag}`, message: tagProblem }];
    if (typeof text !== 'string' || text.trim() === '') return [{ field: `${field}.${tag}`, message: 'must not be blank' }];
    if ([...text].length > maxLength) return [{ field: `${field}.${tag}`, message: `at most ${maxLength} characters` }];
    return [];
  });
}

function languageTagProblem(tag: string): string | undefined {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    return `${JSON.stringify(tag)} is not a BCP 47 language tag`;
  }
  return canonical === tag ? undefined : `write the language tag in its canonical form ${JSON.stringify(canonical)}`;
}
