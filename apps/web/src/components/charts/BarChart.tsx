import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useFormat } from '../../format/format';
import { Chart } from './chart-parts';

export interface Bar {
  label: string;
  /** For drawing only: the figures a reader copies are the table's, as the API wrote them. */
  value: number;
}

const BAR_COLOUR = '#0b4f8a';
const INK = '#1b1f24';
const GRID = '#dde3ea';

/**
 * A bar chart on a canvas, one bar per group. The canvas is an image to assistive
 * technology (role="img", its aria-label says what it shows); the table beside it carries
 * every figure. Not animated: the figures are what matters, and motion distracts.
 * Once the bars are on the canvas, `onDrawn(drawnAs)` says which figures they are (the
 * caller's key for them; none while the figures shown are the previous ones, kept while the
 * next load).
 */
export function BarChart({
  bars,
  ariaLabel,
  horizontal = false,
  drawnAs,
  onDrawn,
}: {
  bars: readonly Bar[];
  ariaLabel: string;
  horizontal?: boolean;
  drawnAs?: string;
  onDrawn?: (drawnAs: string) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const format = useFormat();
  // The latest callback, without redrawing because the parent made a new function.
  const drawnCallback = useRef(onDrawn);
  useEffect(() => {
    drawnCallback.current = onDrawn;
  });

  useEffect(() => {
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
    chart.current = new Chart(canvas.current!, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [horizontal]);

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
    if (drawnAs !== undefined) drawnCallback.current?.(drawnAs);
  }, [bars, format, horizontal, drawnAs]);

  // A horizontal chart grows with its groups, so long names stay legible.
  const height = horizontal ? Math.max(160, 48 + bars.length * 34) : 280;
  return (
    <div className="bar-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel}>
        {ariaLabel}
      </canvas>
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
