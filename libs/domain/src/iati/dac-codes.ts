import type { Coverage } from '../project/commands.js';

/**
 * DAC 5-digit purpose codes (IATI sector vocabulary 1) by thematic area: the default the
 * fund publishes with, overridable per area by configuration (IATI_SECTORS). Most of the
 * fund's themes are capacity building for migration governance, which DAC files under
 * 15190 "Facilitation of orderly, safe, regular and responsible migration and mobility";
 * two have a closer code of their own.
 */
export const DEFAULT_DAC_SECTORS: Readonly<Record<string, string>> = {
  'counter-trafficking': '15190',
  'inter-governmental-dialogue-and-cooperation': '15190',
  'labour-migration': '15190',
  'migration-and-development': '15190',
  'migration-environment-and-climate-change': '15190',
  // 12110 Health policy and administrative management: migration health is health policy.
  'migration-and-health': '12110',
  // 15136 Immigration: government capacity in immigration and border control.
  'border-management': '15136',
  'policy-and-legal-framework-development': '15190',
  'research-and-assessment': '15190',
  'return-and-reintegration': '15190',
};

/** A thematic area an admin added later and nobody mapped is still migration work. */
export const FALLBACK_DAC_SECTOR = '15190';

export function dacSectorOf(thematicArea: string, sectors: Readonly<Record<string, string>>): string {
  return (Object.hasOwn(sectors, thematicArea) ? sectors[thematicArea] : undefined) ?? FALLBACK_DAC_SECTOR;
}

/** Whether `code` looks like a DAC 5-digit purpose code. */
export function isDacSectorCode(code: unknown): code is string {
  return typeof code === 'string' && /^\d{5}$/.test(code);
}

/**
 * IDF regions as OECD DAC recipient regions (IATI region vocabulary 1), published only for
 * a project with no beneficiary state (a global one). DAC has no "Asia and Oceania": it is
 * published as 798 Asia, regional. Anything else, `global` included, is 998 "Developing
 * countries, unspecified".
 */
export const DAC_REGIONS: Readonly<Record<string, string>> = {
  africa: '298',
  'asia-and-oceania': '798',
  europe: '89',
  'latin-america-and-the-caribbean': '498',
  global: '998',
};
export const UNSPECIFIED_DAC_REGION = '998';

export function dacRegionOf(region: string): string {
  return (Object.hasOwn(DAC_REGIONS, region) ? DAC_REGIONS[region] : undefined) ?? UNSPECIFIED_DAC_REGION;
}

/** IATI ActivityScope: 1 Global, 2 Regional, 4 National. */
export const ACTIVITY_SCOPE: Readonly<Record<Coverage, '1' | '2' | '4'>> = { global: '1', regional: '2', national: '4' };
