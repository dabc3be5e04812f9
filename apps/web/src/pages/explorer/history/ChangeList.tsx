import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../../format/format';
import type { FieldChange } from '../audit-trail';

/**
 * The fields an event changed, before → after. The API writes money as USD decimal strings
 * ("37887.00") and shares as percent strings ("33.33"): both are shown as the reader's
 * locale writes money and percentages. A map (titles by language, transactions by id, an
 * envelope's reservations by project) is shown entry by entry: only the entries that changed.
 */
export function ChangeList({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation('explorer');
  const format = useFormat();
  const rows = changes.flatMap((change) => rowsOf(change));
  if (rows.length === 0) return <p className="muted">{t('history.noChanges')}</p>;
  return (
    <table className="change-list">
      <caption className="visually-hidden">{t('history.changesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.field')}</th>
          <th scope="col">{t('history.before')}</th>
          <th scope="col">{t('history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} data-field={row.label}>
            <th scope="row">
              <code>{row.label}</code>
            </th>
            <td className="change-before">{valueOf(row.before, row.name, format, t('history.none'))}</td>
            <td className="change-after">{valueOf(row.after, row.name, format, t('history.none'))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface ChangeRow {
  /** The field, and for a map the entry's key: `title › fr`. */
  label: string;
  /** The name that says what the value is (money, a share, a date). */
  name: string;
  before: unknown;
  after: unknown;
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMapOrNothing = (value: unknown) => isMap(value) || value === null || value === undefined;

/** A map's change as one row per entry that changed; any other field as one row. */
export function rowsOf(change: FieldChange): ChangeRow[] {
  const { field, before, after } = change;
  if (isMapOrNothing(before) && isMapOrNothing(after) && (isMap(before) || isMap(after))) {
    const was = isMap(before) ? before : {};
    const is = isMap(after) ? after : {};
    const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])];
    const changed = keys.filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]));
    return changed.map((key) => ({ label: `${field} › ${key}`, name: field, before: was[key], after: is[key] }));
  }
  return [{ label: field, name: field, before, after }];
}

const MONEY = /^-?\d+\.\d{2}$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as the reader reads it: money as money, a share in percent, a date in the locale's words, a map key by key. */
export function valueOf(value: unknown, name: string, format: Formatters, none: string): ReactNode {
  if (value === null || value === undefined) return <span className="muted">{none}</span>;
  if (typeof value === 'string') {
    if (MONEY.test(value)) {
      return /share/i.test(name) ? <span data-percent={value}>{format.percent(value)}</span> : <span data-amount={value}>{format.money(value)}</span>;
    }
    if (CALENDAR_DATE.test(value)) return <time dateTime={value}>{format.date(value)}</time>;
    if (INSTANT.test(value)) return <time dateTime={value}>{value}</time>;
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">[]</span>;
    return (
      <ul className="change-values">
        {value.map((item, index) => (
          <li key={index}>{valueOf(item, name, format, none)}</li>
        ))}
      </ul>
    );
  }
  if (isMap(value)) {
    return (
      <dl className="change-map">
        {Object.entries(value).map(([key, item]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>{valueOf(item, key, format, none)}</dd>
          </Fragment>
        ))}
      </dl>
    );
  }
  return String(value);
}
