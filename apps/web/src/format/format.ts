import { useTranslation } from 'react-i18next';

/**
 * Numbers, money and dates for the reader's locale. The API sends money as decimal strings
 * in USD ("37887.00") and dates as ISO calendar dates; a page never formats them by hand.
 */
export interface Formatters {
  locale: string;
  /** "37887.00" → "US$37,887.00" (en), "37 887,00 $US" (fr). */
  money(amount: string | number | null | undefined): string;
  /** Compact money for chart axes: "US$1.2M". */
  moneyShort(amount: string | number): string;
  number(value: number): string;
  /** "87.50" → "87.5 %" in the locale's way; null → "—". */
  percent(value: string | number | null | undefined): string;
  /** "2026-03-05" → "5 March 2026" (en-GB style per locale), as a calendar date (no time zone shift). */
  date(isoDate: string | null | undefined): string;
  /** An instant "2026-03-05T10:12:00Z" in the reader's time zone. */
  instant(iso: string | null | undefined): string;
  /** A country's name from its ISO 3166-1 alpha-2 code, in the reader's language. */
  country(code: string): string;
}

const cache = new Map<string, Formatters>();

export function formattersFor(locale: string): Formatters {
  const known = cache.get(locale);
  if (known) return known;
  // Each Intl object is made on first use: making one loads the locale's data, tens of
  // milliseconds on a cold page for a formatter the page may never call.
  const once = <T,>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const money = once(() => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const moneyShort = once(() => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }));
  const number = once(() => new Intl.NumberFormat(locale));
  const percent = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }));
  const date = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const instant = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const regions = once(() => new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }));
  const formatters: Formatters = {
    locale,
    money: (amount) => (amount === null || amount === undefined || amount === '' ? '—' : money().format(Number(amount))),
    moneyShort: (amount) => moneyShort().format(Number(amount)),
    number: (value) => number().format(value),
    percent: (value) => (value === null || value === undefined || value === '' ? '—' : percent().format(Number(value) / 100)),
    date: (isoDate) => (isoDate ? date().format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)) : '—'),
    instant: (iso) => (iso ? instant().format(new Date(iso)) : '—'),
    country: (code) => {
      try {
        return regions().of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
  cache.set(locale, formatters);
  return formatters;
}

/** The formatters of the interface language now chosen; re-renders when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(i18n.resolvedLanguage ?? 'en');
}
