import { useTranslation } from 'react-i18next';
import type { FundingSums, Measure } from '../../api/funding-summary';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../format/format';

/** A group as a chart's table shows it: its key (the API's value), its name for the reader, its figures. */
export interface GroupRow {
  key: string;
  name: string;
  projects: number;
  amount: string;
}

/**
 * The figures a chart or the map draws, as a table beside it: each group's projects and
 * amount as the API wrote them (also in data-group / data-amount), and the summary's total.
 */
export function GroupTable({ caption, groupHeader, rows, total, measure }: { caption: string; groupHeader: string; rows: readonly GroupRow[]; total: FundingSums; measure: Measure }) {
  const { t } = useTranslation('overview');
  const format = useFormat();
  const columns: Column<GroupRow>[] = [
    { key: 'name', header: groupHeader, rowHeader: true, cell: (row) => <span data-group={row.key}>{row.name}</span> },
    { key: 'projects', header: t('projects'), numeric: true, cell: (row) => <span data-projects={row.projects}>{format.number(row.projects)}</span> },
    { key: 'amount', header: t(`measures.${measure}`), numeric: true, cell: (row) => <span data-amount={row.amount}>{format.money(row.amount)}</span> },
  ];
  const footer: GroupRow = { key: 'total', name: t('total'), projects: total.projects, amount: total[measure] };
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(row) => row.key} footer={footer} />;
}
