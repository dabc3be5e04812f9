import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/format';
import type { FlowStep } from './money-flows';

// Only what a line chart on a linear axis needs: never chart.js/auto (it would carry every chart type).
Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Legend);

const DAY_MS = 86_400_000;
const timeOf = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/**
 * Cumulative disbursed and spent by value date, as steps (`after`: a sum holds until the
 * next transaction's day, then moves). The x axis is time (days since the epoch, labelled
 * as dates), so the gaps between transactions show as they were. Disbursed is a solid line,
 * spent a dashed one: the two differ by more than their colour. The figures are in the
 * table beside it.
 */
export function MoneyFlowsChart({ steps, label }: { steps: readonly FlowStep[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { t } = useTranslation('project');
  const format = useFormat();

  useEffect(() => {
    if (!canvas.current || steps.length === 0) return;
    const points = (pick: (step: FlowStep) => string) => steps.map((step) => ({ x: timeOf(step.valueDate) / DAY_MS, y: Number(pick(step)) }));
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        datasets: [
          { label: t('flows.disbursedSoFar'), data: points((step) => step.disbursedSoFar), stepped: 'after', borderColor: '#0b4f8a', backgroundColor: '#0b4f8a', borderWidth: 2, pointRadius: 3 },
          { label: t('flows.spentSoFar'), data: points((step) => step.spentSoFar), stepped: 'after', borderColor: '#8a4b00', backgroundColor: '#8a4b00', borderWidth: 2, borderDash: [6, 4], pointRadius: 3, pointStyle: 'rectRot' },
        ],
      },
      options: {
        locale: format.locale,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { maxTicksLimit: 6, callback: (value) => format.date(new Date(Number(value) * DAY_MS).toISOString()) } },
          y: { type: 'linear', beginAtZero: true, ticks: { callback: (value) => format.moneyShort(Number(value)) } },
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: (items) => format.date(new Date(Number(items[0]?.parsed.x ?? 0) * DAY_MS).toISOString()),
              label: (item) => `${item.dataset.label}: ${format.money(Number(item.parsed.y))}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [steps, format, t]);

  return (
    <div className="money-flows-chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
