import { useTranslation } from 'react-i18next';
import type { FundingSums } from '../../api/funding-summary';
import { useFormat } from '../../format/format';

/**
 * The portfolio's totals for the filters, exactly as the funding summary's `total` gives
 * them (the raw figures in data-amount, for whoever copies or checks them).
 */
export function Totals({ total }: { total: FundingSums }) {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const money = (['budget', 'committed', 'disbursed', 'spent'] as const).map((measure) => (
    <div key={measure} className="total" data-measure={measure}>
      <dt>{t(`measures.${measure}`)}</dt>
      <dd data-amount={total[measure]}>{format.money(total[measure])}</dd>
    </div>
  ));
  return (
    <dl className="totals">
      {money}
      <div className="total" data-measure="deliveryRate">
        <dt>{t('deliveryRate')}</dt>
        <dd data-rate={total.deliveryRate ?? ''}>{format.percent(total.deliveryRate)}</dd>
      </div>
      <div className="total" data-measure="projects">
        <dt>{t('projects')}</dt>
        <dd data-count={total.projects}>{format.number(total.projects)}</dd>
      </div>
    </dl>
  );
}
