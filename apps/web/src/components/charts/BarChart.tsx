import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/format';
import type { Chart } from './chart-parts';
import { loadChart } from './load-chart';

export interface Bar {
  label: string;
  /** For drawing only: the figures a reader copies are the table's, as the API wrote them. */
  value: number;
}

const BAR_COLOUR = '#0b4f8a';
const INK = '#1b1f24';
const GRID = '#dde3ea';

/** How far beyond the viewport a chart starts drawing, so a reader scrolling finds it drawn. */
const DRAW_AHEAD = '300px 0px';

/**
 * A bar chart on a canvas, one bar per group. The canvas is an image to assistive
 * technology (role="img", its aria-label says what it shows); the table beside it carries
 * every figure. Not animated: the figures are what matters, and motion distracts.
 *
 * Drawn when it comes near the viewport, not before: Chart.js is loaded then (load-chart.ts)
 * and the canvas laid out, so a cold overview paints its totals, map and tables without
 * waiting for charts below the fold. `onShown(drawnAs)` says the reader sees these figures
 * (the caller's key for them; none while the figures shown are the previous ones, kept while
 * the next load): once the bars are on the canvas, or at once while the chart is out of
 * view, where nothing of it can be seen yet. `data-drawn` on its box names the figures
 * the canvas holds, for tests. If Chart.js cannot be loaded, the box says so in the reader's
 * language and the figures count as shown: they are in the table beside it.
 */
export function BarChart({
  bars,
  ariaLabel,
  horizontal = false,
  drawnAs,
  onShown,
}: {
  bars: readonly Bar[];
  ariaLabel: string;
  horizontal?: boolean;
  drawnAs?: string;
  onShown?: (drawnAs: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // The chart's constructor once Chart.js is loaded; undefined before the chart came near the viewport.
  const [ChartOf, setChartOf] = useState<typeof Chart | undefined>();
  // Whether the box is near the viewport, as the observer last said; undefined before it has.
  const [near, setNear] = useState<boolean | undefined>();
  const [drawnFigures, setDrawnFigures] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const chart = useRef<Chart<'bar'> | null>(null);
  const format = useFormat();
  const { t } = useTranslation('overview');
  // The latest callback, without redrawing because the parent made a new function.
  const shownCallback = useRef(onShown);
  useEffect(() => {
    shownCallback.current = onShown;
  });

  // Watches the box until it first comes near the viewport; from then on the chart is drawn.
  useEffect(() => {
    const target = box.current!;
    const observer = new IntersectionObserver(
      (entries) => {
        const isNear = entries.some((entry) => entry.isIntersecting);
        setNear(isNear);
        if (!isNear) return;
        observer.disconnect();
        loadChart().then(
          (loaded) => setChartOf(() => loaded),
          (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
        );
      },
      { rootMargin: DRAW_AHEAD },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, []);

  // Out of view, nothing of the chart can be seen; and a chart that could not be drawn says
  // so: either way the figures shown are the table's, and the page is not still loading.
  useEffect(() => {
    if ((near === false || failure !== undefined) && drawnAs !== undefined) shownCallback.current?.(drawnAs);
  }, [near, failure, drawnAs]);

  useEffect(() => {
    if (!ChartOf) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: BAR_COLOUR, maxBarThickness: 36 }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // The chart is an image; its figures are in the table beside it, reachable by keyboard.
        events: ['mousemove', 'mouseout', 'touchstart', 'touchmove'],
        plugins: { tooltip: { callbacks: {} } },
        scales: {},
      },
    };
    chart.current = new ChartOf(canvas.current!, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
      setDrawnFigures(undefined);
    };
  }, [ChartOf, horizontal]);

  useEffect(() => {
    const drawn = chart.current;
    if (!drawn) return;
    const money = { ticks: { color: INK, callback: (value: string | number) => format.moneyShort(value) }, grid: { color: GRID }, beginAtZero: true };
    const categories = { ticks: { color: INK, autoSkip: false }, grid: { display: false } };
    drawn.options.locale = format.locale;
    drawn.options.scales = horizontal ? { x: money, y: categories } : { x: categories, y: money };
    drawn.options.plugins!.tooltip!.callbacks = { label: (item) => format.money(item.parsed[horizontal ? 'x' : 'y'] ?? 0) };
    drawn.data.labels = bars.map((bar) => wrap(bar.label));
    drawn.data.datasets[0]!.data = bars.map((bar) => bar.value);
    drawn.update('none');
    if (drawnAs !== undefined) {
      setDrawnFigures(drawnAs);
      shownCallback.current?.(drawnAs);
    }
  }, [ChartOf, bars, format, horizontal, drawnAs]);

  // A horizontal chart grows with its groups, so long names stay legible.
  const height = horizontal ? Math.max(160, 48 + bars.length * 34) : 280;
  return (
    <div className="bar-chart" ref={box} style={{ height }} data-drawn={drawnFigures === undefined ? undefined : drawnFigures === drawnAs ? 'current' : 'previous'}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel}>
        {ariaLabel}
      </canvas>
      {failure && (
        <p role="alert" className="problem">
          {t('chartFailed', { reason: failure })}
        </p>
      )}
    </div>
  );
}

/** A long category name on two or three lines instead of one that crowds the bars. */
function wrap(label: string, width = 28): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
