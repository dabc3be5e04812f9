import { CSV_BOM, csvRecord } from './csv-writer.js';

/** The summary as GET /funding/summary answers it (FundingSummaryResponse). */
export interface FundingSummary {
  groupBy: string;
  groups: Record<string, unknown>[];
  total: Record<string, unknown>;
}

const SUMS = ['projects', 'budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance', 'deliveryRate'] as const;

/**
 * The funding summary as CSV: one row per group, in the JSON's order, then the total. The
 * first column says which is which (`group` / `total`), so that a spreadsheet's SUM over the
 * groups can leave the total out; the groups add up to it to the cent, as in the JSON.
 * By state the group's label (the country's name) follows its code.
 */
export function fundingSummaryCsv(summary: FundingSummary): string {
  const keys = summary.groupBy === 'state' ? ['state', 'label'] : [summary.groupBy];
  const header = csvRecord(['row', ...keys, ...SUMS]);
  const rows = summary.groups.map((group) => csvRecord(['group', ...keys.map((key) => textOf(group[key])), ...SUMS.map((sum) => textOf(group[sum]))]));
  const total = csvRecord(['total', ...keys.map(() => ''), ...SUMS.map((sum) => textOf(summary.total[sum]))]);
  return CSV_BOM + header + rows.join('') + total;
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
