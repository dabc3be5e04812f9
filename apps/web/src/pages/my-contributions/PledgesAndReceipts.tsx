import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { CalendarDate, Money } from './Amounts';
import type { MyContribution, MyContributions } from './my-contributions';

interface PledgeRow {
  key: string;
  label: string;
  contribution?: MyContribution;
  pledged: string;
  received: string;
  outstanding: string;
}

interface ReceiptRow {
  key: string;
  contributionId: string;
  receiptId: string;
  receivedOn: string;
  amount: string;
}

/** The organisation's contributions, pledged then received, and each receipt with its date. */
export function PledgesAndReceipts({ data }: { data: MyContributions }) {
  const { t } = useTranslation('myContributions');
  if (data.contributions.length === 0) {
    return (
      <section aria-labelledby="my-pledges">
        <h2 id="my-pledges">{t('contributions.title')}</h2>
        <p>{t('contributions.empty', { organisation: data.organisation })}</p>
      </section>
    );
  }
  const pledges: PledgeRow[] = data.contributions.map((contribution) => ({ key: contribution.contributionId, label: contribution.contributionId, contribution, ...contribution }));
  const total: PledgeRow = { key: 'total', label: t('contributions.total'), ...data.total };
  const pledgeColumns: Column<PledgeRow>[] = [
    { key: 'contribution', header: t('contributions.contribution'), rowHeader: true, cell: (row) => row.label },
    { key: 'year', header: t('contributions.year'), cell: (row) => row.contribution?.year ?? '' },
    { key: 'line', header: t('contributions.line'), cell: (row) => row.contribution?.fundingLine ?? '' },
    {
      key: 'earmark',
      header: t('contributions.earmark'),
      cell: (row) => (row.contribution === undefined ? '' : row.contribution.earmarkedRegion ? t(`regions.${row.contribution.earmarkedRegion}`, { defaultValue: row.contribution.earmarkedRegion }) : t('contributions.notEarmarked')),
    },
    { key: 'pledged', header: t('totals.pledged'), numeric: true, cell: (row) => <Money amount={row.pledged} /> },
    { key: 'received', header: t('totals.received'), numeric: true, cell: (row) => <Money amount={row.received} /> },
    { key: 'outstanding', header: t('totals.outstanding'), numeric: true, cell: (row) => <Money amount={row.outstanding} /> },
  ];
  const receipts: ReceiptRow[] = data.contributions.flatMap((contribution) =>
    contribution.receipts.map((receipt) => ({ key: `${contribution.contributionId}/${receipt.receiptId}`, contributionId: contribution.contributionId, ...receipt })),
  );
  const receiptColumns: Column<ReceiptRow>[] = [
    { key: 'receipt', header: t('receipts.receipt'), rowHeader: true, cell: (row) => row.receiptId },
    { key: 'contribution', header: t('contributions.contribution'), cell: (row) => row.contributionId },
    { key: 'receivedOn', header: t('receipts.receivedOn'), cell: (row) => <CalendarDate date={row.receivedOn} /> },
    { key: 'amount', header: t('receipts.amount'), numeric: true, cell: (row) => <Money amount={row.amount} /> },
  ];
  return (
    <section aria-labelledby="my-pledges">
      <h2 id="my-pledges">{t('contributions.title')}</h2>
      <DataTable caption={t('contributions.caption')} columns={pledgeColumns} rows={pledges} rowKey={(row) => row.key} footer={total} />
      {receipts.length === 0 ? (
        <p>{t('receipts.empty')}</p>
      ) : (
        <DataTable caption={t('receipts.caption')} columns={receiptColumns} rows={receipts} rowKey={(row) => row.key} />
      )}
    </section>
  );
}
