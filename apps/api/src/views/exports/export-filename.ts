import type { PortfolioFilters } from '../portfolio/portfolio-filters.js';

/**
 * The name a download is saved under says what it holds and as of when:
 * `portfolio-status-active+completed-region-asia-and-oceania-as-of-20260120T090000Z.csv`.
 * Filters in the order given, several values joined by `+`; the instant in ISO 8601's basic
 * form, which has no `:` (a character Windows refuses in file names).
 */

/** Long enough for a few filters; file systems stop at 255 bytes. */
const MAX_NAME = 180;

export interface DownloadName {
  /** `portfolio`, `funding-summary-by-region`, `audit-trail-PO.0143`. */
  what: string;
  /** Filters as the request gave them; absent and empty ones are left out. */
  filters: Record<string, unknown>;
  /** The instant the answer is as of: the `asOf` asked for, else when the export started. */
  asOf: string;
  extension: 'csv' | 'jsonl';
}

/**
 * `Content-Disposition: attachment` with a plain ASCII `filename` every client understands
 * and, when the name has other characters (a search for "миграция"), RFC 6266's
 * `filename*` in UTF-8 (RFC 5987 encoding), which browsers prefer.
 */
export function attachmentOf(name: DownloadName): string {
  const full = fileNameOf(name, (text) => text.replace(/[\u0000-\u001f\u007f"\\/:*?<>|\s]+/gu, '_'));
  const ascii = fileNameOf(name, (text) => text.replace(/[^A-Za-z0-9._+-]+/g, '_'));
  const plain = `attachment; filename="${ascii}"`;
  return full === ascii ? plain : `${plain}; filename*=UTF-8''${rfc5987(full)}`;
}

function fileNameOf(name: DownloadName, safe: (text: string) => string): string {
  const parts = [name.what];
  for (const [filter, value] of Object.entries(name.filters)) {
    const values = (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined && item !== null && String(item).trim() !== '');
    if (values.length > 0) parts.push(filter, values.map((item) => String(item).trim()).join('+'));
  }
  const stem = safe(parts.join('-')).slice(0, MAX_NAME);
  return `${stem}-as-of-${basicInstant(name.asOf)}.${name.extension}`;
}

/** 2026-01-20T09:00:00.000Z → 20260120T090000Z (milliseconds kept when there are some). */
export function basicInstant(instant: string): string {
  const iso = new Date(instant).toISOString();
  const [date, time] = iso.split('T') as [string, string];
  const [clock, fraction] = time.replace('Z', '').split('.') as [string, string];
  return `${date.replaceAll('-', '')}T${clock.replaceAll(':', '')}${fraction === '000' ? '' : `.${fraction}`}Z`;
}

/** RFC 5987 value-chars: attr-char as is, every other UTF-8 byte percent-encoded. */
function rfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** What a download's name says of a portfolio or funding request: its filters and order, as given. */
export function portfolioFiltersNamed(query: PortfolioFilters & { sort?: string; direction?: string }): Record<string, unknown> {
  const { status, region, state, type, line, year, coverage, q, sort, direction } = query;
  return { status, region, state, type, line, year, coverage, q, sort, direction };
}

/**
 * The instant a download is as of: the `asOf` the request asked for, when the view takes
 * one, else now (a live answer is the answer of the moment it was asked).
 */
export function downloadInstant(query: object): string {
  const asOf = (query as { asOf?: unknown }).asOf;
  return typeof asOf === 'string' && asOf !== '' ? new Date(asOf).toISOString() : new Date().toISOString();
}
