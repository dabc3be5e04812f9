/**
 * ISO 3166-1 alpha-2 country codes, checked against the ICU region names that Node ships
 * (full ICU since Node 13) rather than against a copied list that would go stale.
 *
 * ICU also names codes that are not assigned countries: groupings and pseudo-regions,
 * "exceptionally reserved" codes and withdrawn codes that it still resolves as aliases
 * (SU → Russia, YU → Serbia, …). Those are excluded here, so that what remains is the
 * officially assigned set plus XK (Kosovo), which the fund's listings use as a user-assigned
 * code the way the UN, the EU and IATI do.
 */
const NOT_COUNTRIES: ReadonlySet<string> = new Set([
  // groupings and pseudo-regions
  'EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB',
  // exceptionally reserved, not assigned
  'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA', 'UK',
  // withdrawn or transitionally reserved, still resolved by ICU as aliases
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'VD', 'YD', 'YU', 'ZR',
]);

const TWO_CAPITALS = /^[A-Z]{2}$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** True for an upper-case ISO 3166-1 alpha-2 code of a country or territory (XK included). */
export function isIso3166Alpha2(code: unknown): code is string {
  if (typeof code !== 'string' || !TWO_CAPITALS.test(code) || NOT_COUNTRIES.has(code)) return false;
  return regionNames.of(code) !== undefined;
}

/** The English short name of a valid code ("KG" → "Kyrgyzstan"), or undefined. */
export function countryName(code: string): string | undefined {
  return isIso3166Alpha2(code) ? regionNames.of(code) : undefined;
}
