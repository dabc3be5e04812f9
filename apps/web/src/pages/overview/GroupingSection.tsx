import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fundingSummaryPath, groupValueOf, type FundingSummary, type Grouping, type Measure } from '../../api/funding-summary';
import type { PortfolioFilterValues } from '../../api/portfolio-query';
import { BarChart } from '../../components/charts/BarChart';
import type { Labels } from '../../components/filters/labels';
import { useFormat } from '../../format/format';
import { GroupTable, type GroupRow } from './GroupTable';

type ChartGrouping = Exclude<Grouping, 'state'>;

/**
 * Money by one grouping: a bar chart and, beside it, the table of the same figures and a
 * CSV of the whole grouping (every amount, as the API writes it). The table shows as soon as
 * the figures are here; the chart is drawn when it comes into view (BarChart).
 */
export function GroupingSection({
  grouping,
  summary,
  filters,
  measure,
  labels,
  horizontal,
  drawnAs,
  onShown,
}: {
  grouping: ChartGrouping;
  summary: FundingSummary | undefined;
  filters: PortfolioFilterValues;
  measure: Measure;
  labels: Labels;
  horizontal: boolean;
  drawnAs: string | undefined;
  onShown: (drawnAs: string) => void;
}) {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const headingId = useId();
  const rows = useMemo<GroupRow[]>(
    () =>
      (summary?.groups ?? []).map((group) => {
        const key = groupValueOf(grouping, group);
        return { key, name: labels[grouping](key), projects: group.projects, amount: group[measure] };
      }),
    [summary, grouping, labels, measure],
  );
  const bars = useMemo(() => rows.map((row) => ({ label: row.name, value: Number(row.amount) })), [rows]);
  const measureName = t(`measures.${measure}`);
  const groupingName = t(`groupings.${grouping}`);
  const highest = rows.reduce<GroupRow | undefined>((best, row) => (best === undefined || Number(row.amount) > Number(best.amount) ? row : best), undefined);

  return (
    <section className="grouping" data-grouping={grouping} aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`headings.${grouping}`)}</h2>
      {summary === undefined ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : (
        <div className="chart-and-table">
          <BarChart
            bars={bars}
            horizontal={horizontal}
            drawnAs={drawnAs}
            onShown={onShown}
            ariaLabel={
              highest
                ? t('chartLabel', { measure: measureName, grouping: groupingName, count: rows.length, total: format.money(summary.total[measure]), highest: highest.name, highestAmount: format.money(highest.amount) })
                : t('chartEmpty', { measure: measureName, grouping: groupingName })
            }
          />
          <div>
            <GroupTable caption={t('tableCaption', { measure: measureName, grouping: groupingName })} groupHeader={t(`groupHeaders.${grouping}`)} rows={rows} total={summary.total} measure={measure} />
            <p className="download">
              <a href={fundingSummaryPath(grouping, filters, 'csv')} download>
                {t('downloadCsv', { grouping: groupingName })}
              </a>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
