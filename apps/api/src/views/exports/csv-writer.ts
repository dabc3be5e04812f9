/**
 * CSV as RFC 4180 writes it, for spreadsheets first: UTF-8 with a byte-order mark (without
 * it Excel reads UTF-8 as the system's code page and every Cyrillic, Arabic or Georgian
 * title turns into mojibake), CRLF after every record (the RFC's line end, and Excel's), a
 * field quoted when it holds a comma, a quote, CR or LF, its quotes doubled.
 */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * What a spreadsheet would run as a formula. A title typed as `=HYPERLINK("http://…")` or
 * `@SUM(…)` in a proposal must not become a live formula on an auditor's machine (CSV
 * injection, OWASP), so a text cell starting with one of these gets a leading `'`, which
 * spreadsheets show as text and do not display. A plain number (`-500.00`, a negative
 * correction) cannot be a formula and is left alone, so that money stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cell as a spreadsheet should show it: text that would start a formula prefixed with `'`. */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One field: made spreadsheet-safe, then quoted (quotes doubled) when RFC 4180 needs it. */
export function csvField(cell: string): string {
  const safe = spreadsheetSafe(cell);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
