import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { useFormat } from '../../format/format';
import { moneyFlows, type FlowStep } from './money-flows';
import { MoneyFlowsChart } from './MoneyFlowsChart';
import type { ProjectCard } from './project-card';

/**
 * Money over time: the chart of cumulative disbursed and spent, and beside it the table of
 * the transactions it is drawn from, with the same running sums (for screen readers, and to
 * copy the figures). Its last row ends at the card's disbursed and spent.
 */
export function MoneyFlows({ card }: { card: ProjectCard }) {
  const { t } = useTranslation('project');
  const format = useFormat();
  const steps = useMemo(() => moneyFlows(card.transactionsPublic), [card.transactionsPublic]);
  const first = steps[0];
  const last = steps[steps.length - 1];
  const money = (amount: string) => <span data-amount={amount}>{format.money(amount)}</span>;

  return (
    <section aria-labelledby="project-flows">
      <h2 id="project-flows">{t('flows.title')}</h2>
      {!first || !last ? (
        <p>{t('flows.none')}</p>
      ) : (
        <div className="money-flows">
          <MoneyFlowsChart
            steps={steps}
            label={t('flows.chartLabel', {
              from: format.date(first.valueDate),
              to: format.date(last.valueDate),
              disbursed: format.money(last.disbursedSoFar),
              spent: format.money(last.spentSoFar),
            })}
          />
          <DataTable<FlowStep>
            caption={t('flows.caption', { count: steps.length })}
            rowKey={(step) => String(step.sequence)}
            rows={steps}
            columns={[
              { key: 'valueDate', header: t('flows.valueDate'), rowHeader: true, cell: (step) => <time dateTime={step.valueDate}>{format.date(step.valueDate)}</time> },
              { key: 'kind', header: t('flows.kind'), cell: (step) => <span data-kind={step.kind}>{t(`flows.kinds.${step.kind}`)}</span> },
              { key: 'amount', header: t('flows.amount'), numeric: true, cell: (step) => money(step.amount) },
              { key: 'disbursedSoFar', header: t('flows.disbursedSoFar'), numeric: true, cell: (step) => money(step.disbursedSoFar) },
              { key: 'spentSoFar', header: t('flows.spentSoFar'), numeric: true, cell: (step) => money(step.spentSoFar) },
            ]}
          />
        </div>
      )}
    </section>
  );
}
