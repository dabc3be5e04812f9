import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAsOfPath } from '../../api/as-of';
import { getJson } from '../../api/client';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { shareOf, sumOf } from '../../format/cents';
import { useFormat } from '../../format/format';

/** One envelope as GET /funding/envelopes answers it: USD as decimal strings. */
interface EnvelopeUse {
  year: number;
  fundingLine: number;
  amount: string;
  reserved: string;
  disbursed: string;
  remaining: string;
}

/** A row of the table: an envelope, or the total of them all (year and line empty). */
type Row = Omit<EnvelopeUse, 'year' | 'fundingLine'> & { year?: number; fundingLine?: number };

/**
 * /portal/envelopes — the fund's annual envelopes per (year, funding line): their size, what
 * approvals committed from them (reserved), what was disbursed, what remains, and a bar of
 * each envelope's use. The totals are sums of the rows, in whole cents.
 */
export function EnvelopesPage() {
  const { t } = useTranslation('envelopes');
  const path = useAsOfPath('/funding/envelopes');
  const envelopes = useQuery({ queryKey: ['funding', 'envelopes', path], queryFn: ({ signal }) => getJson<{ items: EnvelopeUse[] }>(path, signal) });
  useDocumentTitle(t('title'));
  return (
    <section className="envelopes-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <QueryState query={envelopes}>{({ items }) => (items.length === 0 ? <p>{t('none')}</p> : <EnvelopeTable items={items} />)}</QueryState>
    </section>
  );
}

function EnvelopeTable({ items }: { items: EnvelopeUse[] }) {
  const { t } = useTranslation('envelopes');
  const format = useFormat();
  const total: Row = {
    amount: sumOf(items.map((item) => item.amount)),
    reserved: sumOf(items.map((item) => item.reserved)),
    disbursed: sumOf(items.map((item) => item.disbursed)),
    remaining: sumOf(items.map((item) => item.remaining)),
  };
  const money = (key: 'amount' | 'reserved' | 'disbursed' | 'remaining', header: string) => ({
    key,
    header,
    numeric: true,
    cell: (row: Row) => <span data-amount={row[key]}>{format.money(row[key])}</span>,
  });
  return (
    <>
      <DataTable<Row>
        caption={t('caption', { count: items.length })}
        rows={items}
        rowKey={(row) => `${row.year}-${row.fundingLine}`}
        footer={total}
        columns={[
          { key: 'year', header: t('year'), rowHeader: true, cell: (row) => (row.year === undefined ? t('total') : <span data-year={row.year}>{row.year}</span>) },
          { key: 'line', header: t('fundingLine'), cell: (row) => (row.fundingLine === undefined ? '' : <span data-line={row.fundingLine}>{t('line', { line: row.fundingLine })}</span>) },
          money('amount', t('amount')),
          money('reserved', t('reserved')),
          money('disbursed', t('disbursed')),
          money('remaining', t('remaining')),
          { key: 'use', header: t('use'), cell: (row) => <UseBar row={row} /> },
        ]}
      />
      <p className="muted envelope-legend">
        <span className="swatch swatch-disbursed" aria-hidden="true" /> {t('legendDisbursed')}{' '}
        <span className="swatch swatch-reserved" aria-hidden="true" /> {t('legendReserved')}{' '}
        <span className="swatch swatch-remaining" aria-hidden="true" /> {t('legendRemaining')}
      </p>
      <p className="muted">{t('explained')}</p>
    </>
  );
}

/**
 * How much of the envelope is committed, in words (read by everyone) and as a bar (seen):
 * disbursed inside committed inside the envelope's size. The bar repeats the words, so it is
 * hidden from screen readers.
 */
function UseBar({ row }: { row: Row }) {
  const { t } = useTranslation('envelopes');
  const format = useFormat();
  const reserved = shareOf(row.reserved, row.amount);
  const disbursed = shareOf(row.disbursed, row.amount);
  if (reserved === null || disbursed === null) return <>—</>;
  const clamp = (percent: number) => `${Math.max(0, Math.min(100, percent))}%`;
  return (
    <div className="envelope-use">
      <span className="envelope-use-text">{t('useText', { reserved: format.percent(reserved.toFixed(2)), disbursed: format.percent(disbursed.toFixed(2)) })}</span>
      <span className="use-bar" aria-hidden="true">
        <span className="use-bar-reserved" style={{ inlineSize: clamp(reserved) }} />
        <span className="use-bar-disbursed" style={{ inlineSize: clamp(disbursed) }} />
      </span>
    </div>
  );
}
