import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers are right-aligned (start-aligned in right-to-left text, as the locale reads them). */
  numeric?: boolean;
  /** The row's header cell (th scope="row"): its name for screen readers. */
  rowHeader?: boolean;
}

/**
 * A plain HTML table: every chart has one beside it (for screen readers, and to copy the
 * figures), and lists use it too. A caption names it; column headers are th scope="col".
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  footer,
  captionHidden = false,
}: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  footer?: Row;
  captionHidden?: boolean;
}) {
  const cells = (row: Row) =>
    columns.map((column) =>
      column.rowHeader ? (
        <th key={column.key} scope="row" className={column.numeric ? 'numeric' : undefined}>
          {column.cell(row)}
        </th>
      ) : (
        <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
          {column.cell(row)}
        </td>
      ),
    );
  return (
    <div className="table-wrap">
      <table>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>{cells(row)}</tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>{cells(footer)}</tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
