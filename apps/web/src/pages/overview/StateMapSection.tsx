import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fundingSummaryPath, type FundingSummary, type Measure } from '../../api/funding-summary';
import type { PortfolioFilterValues } from '../../api/portfolio-query';
import type { Labels } from '../../components/filters/labels';
import { WorldMap } from '../../components/map/WorldMap';
import { useFormat } from '../../format/format';
import { GroupTable, type GroupRow } from './GroupTable';

/**
 * Money by beneficiary state: the map and the table of every state. The API has already
 * split each regional project's money over its states by their shares (to the cent), so
 * the groups add up to the total; the `global` group (projects naming no state) is in the
 * table, not on the map.
 */
export function StateMapSection({
  summary,
  filters,
  measure,
  labels,
  drawnAs,
  onDrawn,
}: {
  summary: FundingSummary | undefined;
  filters: PortfolioFilterValues;
  measure: Measure;
  labels: Labels;
  drawnAs: string | undefined;
  onDrawn: (drawnAs: string) => void;
}) {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const headingId = useId();
  const rows = useMemo<GroupRow[]>(() => {
    const named = (summary?.groups ?? []).map((group) => ({ key: group.state ?? '', name: labels.state(group.state), projects: group.projects, amount: group[measure] }));
    // By name in the reader's language, the global group last, as the map's reader looks for a country.
    return named.sort((a, b) => (a.key === 'global' ? 1 : b.key === 'global' ? -1 : a.name.localeCompare(b.name, format.locale)));
  }, [summary, labels, measure, format.locale]);
  const amounts = useMemo(() => rows.filter((row) => row.key !== 'global').map((row) => ({ state: row.key, amount: row.amount })), [rows]);
  const measureName = t(`measures.${measure}`);
  const caption = t('tableCaption', { measure: measureName, grouping: t('groupings.state') });
  const highest = rows
    .filter((row) => row.key !== 'global')
    .reduce<GroupRow | undefined>((best, row) => (best === undefined || Number(row.amount) > Number(best.amount) ? row : best), undefined);

  return (
    <section className="grouping state-map" data-grouping="state" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('headings.state')}</h2>
      {summary === undefined ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : (
        <div className="map-and-table">
          <WorldMap
            amounts={amounts}
            drawnAs={drawnAs}
            onDrawn={onDrawn}
            ariaLabel={
              highest
                ? t('mapLabel', { measure: measureName, count: amounts.length, highest: highest.name, highestAmount: format.money(highest.amount) })
                : t('mapEmpty', { measure: measureName })
            }
          />
          <div>
            <p className="note">{t('mapNote')}</p>
            {/* Scrolls on its own beside the map: focusable, so a keyboard can scroll it too. */}
            <div className="state-table" tabIndex={0} role="region" aria-label={caption}>
              <GroupTable caption={caption} groupHeader={t('groupHeaders.state')} rows={rows} total={summary.total} measure={measure} />
            </div>
            <p className="download">
              <a href={fundingSummaryPath('state', filters, 'csv')} download>
                {t('downloadCsv', { grouping: t('groupings.state') })}
              </a>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
