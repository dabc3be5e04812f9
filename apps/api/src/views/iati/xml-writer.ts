/**
 * The little XML this service writes (the IATI activity file), as strings: every text and
 * attribute value goes through one of the two escapes, so no project text can break out of
 * its element, whatever it holds.
 */

/**
 * Code points XML 1.0 forbids even as character references (C0 controls but tab, newline
 * and carriage return; U+FFFE, U+FFFF; unpaired surrogates). A text holding one would make
 * the whole file unreadable, so each becomes U+FFFD, the replacement character.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Markup: text already escaped, or elements built here. */
export type Markup = string & { readonly __brand: 'Markup' };

/** Character data: `&`, `<` and `>` escaped (`>` for `]]>`). */
export function text(value: string): Markup {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') as Markup;
}

/**
 * An attribute value in double quotes. Tab, newline and carriage return are written as
 * character references: a parser would otherwise normalise them to spaces.
 */
export function attributeValue(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** `<name a="…">content</name>`, or `<name a="…"/>` with no content; undefined attributes are left out. */
export function element(name: string, attributes: Attributes = {}, ...content: Markup[]): Markup {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${attributeValue(String(value))}"`)
    .join('');
  return (content.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${content.join('')}</${name}>`) as Markup;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
