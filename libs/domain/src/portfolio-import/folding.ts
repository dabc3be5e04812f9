/**
 * How a label or a country name from a published list is compared: case, accents and
 * punctuation folded away (the fund's lists are typed by hand, in three languages, with
 * every kind of apostrophe), so "Côte d’Ivoire", "COTE D'IVOIRE" and "cote divoire" meet.
 */
export function foldLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
