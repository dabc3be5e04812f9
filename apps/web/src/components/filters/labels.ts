import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import { useFormat } from '../../format/format';

/** GET /code-lists/{name}: the fund's regions and thematic areas, with the label this reader may see. */
interface CodeList {
  name: string;
  entries: { code: string; label: string }[];
}

export function useCodeList(name: 'regions' | 'thematic-areas') {
  return useQuery({
    queryKey: ['code-list', name],
    queryFn: ({ signal }) => getJson<CodeList>(`/code-lists/${name}`, signal),
    // An admin adds an entry rarely; a page open for an hour may keep the list it read.
    staleTime: 60 * 60_000,
  });
}

export interface Labels {
  region(code: string | null | undefined): string;
  type(code: string | null | undefined): string;
  status(code: string | null | undefined): string;
  coverage(code: string | null | undefined): string;
  line(line: string | number | null | undefined): string;
  year(year: string | number | null | undefined): string;
  /** A beneficiary state's name in the reader's language; `global` for money of projects without one. */
  state(code: string | null | undefined): string;
}

/**
 * Names of the codes the API sends, in the reader's language. Regions and thematic areas
 * come from the code lists (in English, with the public label where the fund set one); the
 * French and Spanish words of the fund's default entries are in filters.json, an entry an
 * admin added shows its code list label. Statuses, coverage and lines are the domain's own
 * closed lists, named in filters.json. A value none of these know is shown as its code.
 */
export function useLabels(): Labels {
  const { t } = useTranslation('filters');
  const format = useFormat();
  const regions = useCodeList('regions');
  const types = useCodeList('thematic-areas');
  return useMemo(() => labelsOf(t, format.country, regions.data, types.data), [t, format, regions.data, types.data]);
}

function labelsOf(t: TFunction<'filters'>, country: (code: string) => string, regions: CodeList | undefined, types: CodeList | undefined): Labels {
  const fromList = (list: typeof regions, key: string) => (code: string | null | undefined) => {
    if (code === null || code === undefined || code === '') return t('none');
    const label = list?.entries.find((entry) => entry.code === code)?.label ?? code;
    // English readers see the code list's own label; fr/es have words for the default codes.
    return t(`${key}.${code}`, { defaultValue: label });
  };
  const closed = (key: string) => (code: string | number | null | undefined) =>
    code === null || code === undefined || code === '' ? t('none') : t(`${key}.${code}`, { defaultValue: String(code) });
  return {
    region: fromList(regions, 'regionNames'),
    type: fromList(types, 'typeNames'),
    status: closed('statusNames'),
    coverage: closed('coverageNames'),
    line: (line) => (line === null || line === undefined || line === '' ? t('none') : t('lineName', { line })),
    year: (year) => (year === null || year === undefined || year === '' ? t('none') : String(year)),
    state: (code) => (code === null || code === undefined || code === '' ? t('none') : code === 'global' ? t('globalGroup') : country(code)),
  };
}
