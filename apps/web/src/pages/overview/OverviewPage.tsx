import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GROUPINGS, MEASURES, useFundingSummaries, type Grouping } from '../../api/funding-summary';
import { filterKeyOf } from '../../api/portfolio-query';
import { readableHref } from '../../components/filters/address';
import { ProblemMessage } from '../../components/QueryState';
import { paramsOfFilters, useFilterParams } from '../../components/filters/filter-params';
import { useCodeList, useLabels } from '../../components/filters/labels';
import { PortfolioFilters } from '../../components/filters/PortfolioFilters';
import { loadChart } from '../../components/charts/load-chart';
import { countryOutlines } from '../../components/map/atlas-data';
import { useFormat } from '../../format/format';
import { GroupingSection } from './GroupingSection';
import { useMeasureParam } from './measure-param';
import { StateMapSection } from './StateMapSection';
import { Totals } from './Totals';

/** The charts below the map, in the order a donor reads them; categories with long names lie down. */
const CHARTS = [
  { grouping: 'region', horizontal: true },
  { grouping: 'type', horizontal: true },
  { grouping: 'year', horizontal: false },
  { grouping: 'line', horizontal: false },
  { grouping: 'status', horizontal: true },
] as const;

/** What must show the figures of the filters and measure asked before the overview is usable (a chart out of view shows nothing yet). */
const PARTS = ['state', ...CHARTS.map((chart) => chart.grouping)] as const;

/**
 * The portfolio at a glance, for donors and the public: totals (budget, committed,
 * disbursed, spent, delivery rate) for the filters in the address, the money by beneficiary
 * state on a map and by region, thematic area, year, funding line and status in charts,
 * each with its table. Every figure is the funding summary's (GET /funding/summaries, the six
 * groupings in one answer); nothing is summed here.
 *
 * The root carries data-state="loading" until the totals, the map, every chart's table and
 * every chart in view show the figures of the current filters and measure (a map or chart
 * that could not be loaded says so instead), then "ready" ("error" if the API refused):
 * the portal bench times the overview by it. Charts below the
 * fold are drawn as they come into view (BarChart); their tables, with the same figures,
 * are there at once.
 */
export function OverviewPage() {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const labels = useLabels();
  // Names of regions and thematic areas are part of a usable chart; if a list fails, its codes show.
  const codeListsSettled = [useCodeList('regions'), useCodeList('thematic-areas')].every((list) => !list.isPending);
  const filterParams = useFilterParams();
  // The overview has no search box: a `q` in the address would filter unseen, so it is left out.
  const { q: _unseen, ...filters } = filterParams.filters;
  const { measure, unknown: unknownMeasure, setMeasure } = useMeasureParam();
  const measureId = useId();
  // The map's outlines load beside the API's answers, not after them (the map shows its own failure).
  useEffect(() => {
    countryOutlines().catch(() => undefined);
  }, []);

  const summaries = useFundingSummaries(GROUPINGS, filters);
  // Every summary carries the same total; the region one is as good as any.
  const totals = summaries.data?.region;

  // Which figures each part shows; the page is ready when all show the current ones.
  const drawKey = `${filterKeyOf(filters)}|${measure}|${format.locale}`;
  const [drawn, setDrawn] = useState<Partial<Record<Grouping, string>>>({});
  const markDrawn = useCallback((part: Grouping, key: string) => setDrawn((previous) => (previous[part] === key ? previous : { ...previous, [part]: key })), []);
  const current = (grouping: Grouping) => (summaries.data?.[grouping] && !summaries.isPlaceholderData ? drawKey : undefined);

  const failed = summaries.isError;
  const totalsShown = totals !== undefined && !summaries.isPlaceholderData;
  const ready = totalsShown && codeListsSettled && PARTS.every((part) => drawn[part] === drawKey);
  const state = failed ? 'error' : ready ? 'ready' : 'loading';
  const updating = !failed && !ready && totals !== undefined;
  // Chart.js once the ready overview is painted (the frame after it, then a task), so a reader
  // who scrolls finds the charts drawn at once and the first paint never waits for it.
  useEffect(() => {
    if (!ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => loadChart().catch(() => undefined), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);

  return (
    <div className="overview" data-state={state}>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <PortfolioFilters {...filterParams} />
      <p className="see-list">
        <Link to={readableHref('/portal/projects', paramsOfFilters(filters))}>{t('seeProjects')}</Link>
      </p>
      {failed ? (
        <ProblemMessage error={summaries.error} />
      ) : (
        <>
          <section aria-labelledby={`${measureId}-totals`} className="totals-section">
            <h2 id={`${measureId}-totals`}>{t('totalsHeading')}</h2>
            {totals ? <Totals total={totals.total} /> : <p className="loading">{t('loading')}</p>}
            {totalsShown && totals.total.projects === 0 && <p className="empty">{t('noneMatch')}</p>}
            <p role="status" className="updating">
              {updating ? t('updating') : ''}
            </p>
          </section>
          {unknownMeasure !== undefined && (
            <p role="alert" className="problem">
              {t('unknownMeasure', { measure: unknownMeasure })}
            </p>
          )}
          <fieldset className="measure-switch">
            <legend>{t('measureLegend')}</legend>
            {MEASURES.map((option) => (
              <label key={option}>
                <input type="radio" name={`${measureId}-measure`} value={option} checked={measure === option} onChange={() => setMeasure(option)} /> {t(`measures.${option}`)}
              </label>
            ))}
          </fieldset>
          <StateMapSection
            summary={summaries.data?.state}
            filters={filters}
            measure={measure}
            labels={labels}
            drawnAs={current('state')}
            onDrawn={(key) => markDrawn('state', key)}
          />
          {CHARTS.map(({ grouping, horizontal }) => (
            <GroupingSection
              key={grouping}
              grouping={grouping}
              summary={summaries.data?.[grouping]}
              filters={filters}
              measure={measure}
              labels={labels}
              horizontal={horizontal}
              drawnAs={current(grouping)}
              onShown={(key) => markDrawn(grouping, key)}
            />
          ))}
        </>
      )}
    </div>
  );
}
