import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAsOfPath } from '../../api/as-of';
import { getJson } from '../../api/client';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../format/format';

/** Per donor, as GET /funding/contributions answers it; the API computes the total. */
interface DonorSums {
  contributions: number;
  pledged: string;
  received: string;
  outstanding: string;
}
interface DonorContribution extends DonorSums {
  donor: string;
}
interface DonorContributions {
  donors: DonorContribution[];
  total: DonorSums;
}

/**
 * /portal/contributions — what each donor pledged, what the fund has received of it, and
 * what is still outstanding. Only received money counts toward what the fund can commit.
 */
export function ContributionsPage() {
  const { t } = useTranslation('contributions');
  const path = useAsOfPath('/funding/contributions');
  const contributions = useQuery({ queryKey: ['funding', 'contributions', path], queryFn: ({ signal }) => getJson<DonorContributions>(path, signal) });
  useDocumentTitle(t('title'));
  return (
    <section className="contributions-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <QueryState query={contributions}>{(data) => (data.donors.length === 0 ? <p>{t('none')}</p> : <DonorTable data={data} />)}</QueryState>
    </section>
  );
}

function DonorTable({ data }: { data: DonorContributions }) {
  const { t } = useTranslation('contributions');
  const format = useFormat();
  type Row = DonorSums & { donor?: string };
  const money = (key: 'pledged' | 'received' | 'outstanding', header: string) => ({
    key,
    header,
    numeric: true,
    cell: (row: Row) => <span data-amount={row[key]}>{format.money(row[key])}</span>,
  });
  return (
    <DataTable<Row>
      caption={t('caption', { count: data.donors.length })}
      rows={data.donors}
      rowKey={(row) => row.donor ?? ''}
      footer={data.total}
      columns={[
        { key: 'donor', header: t('donor'), rowHeader: true, cell: (row) => (row.donor === undefined ? t('total') : <span data-donor={row.donor}>{row.donor}</span>) },
        { key: 'contributions', header: t('contributions'), numeric: true, cell: (row) => <span data-count={row.contributions}>{format.number(row.contributions)}</span> },
        money('pledged', t('pledged')),
        money('received', t('received')),
        money('outstanding', t('outstanding')),
      ]}
    />
  );
}
