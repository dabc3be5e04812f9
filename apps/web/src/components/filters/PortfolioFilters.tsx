import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupValueOf, useFundingSummary, type Grouping } from '../../api/funding-summary';
import { FILTER_NAMES, type FilterName } from '../../api/portfolio-query';
import { usePendingValue } from './address';
import type { FilterParams } from './filter-params';
import { useLabels, type Labels } from './labels';

/** Where each filter's choices come from: the groups of the unfiltered funding summary, i.e. the values this reader's projects have. */
const OPTIONS_FROM: Partial<Record<FilterName, Grouping>> = { status: 'status', region: 'region', state: 'state', type: 'type', line: 'line', year: 'year' };

/** The domain's coverages (the API validates them); no summary groups by coverage. */
const COVERAGES = ['national', 'regional', 'global'] as const;

/** Statuses in the order of a project's life, as a reader expects them listed. */
const LIFECYCLE = ['draft', 'submitted', 'endorsed', 'retained', 'approved', 'active', 'suspended', 'completed', 'closed', 'cancelled', 'rejected'];

/** Lists longer than this get a box to narrow them (beneficiary states). */
const NARROW_FROM = 15;

function labelOf(labels: Labels, name: FilterName, value: string): string {
  return labels[name](value);
}

/**
 * The portfolio's filters, shared by the overview and the project list: one disclosure per
 * filter with a checkbox per value (several values each), the active ones as buttons that
 * remove them. The selection is the address's (see filter-params.ts).
 */
export function PortfolioFilters({ filters, setFilter, clearFilters }: FilterParams) {
  const { t } = useTranslation('filters');
  const labels = useLabels();
  const active = FILTER_NAMES.flatMap((name) => (filters[name] ?? []).map((value) => ({ name, value })));
  const headingId = useId();
  return (
    <section className="portfolio-filters" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('heading')}
      </h2>
      <div className="filter-bar">
        {FILTER_NAMES.map((name) => (
          <FilterMenu key={name} name={name} selected={filters[name] ?? []} onChange={(values) => setFilter(name, values)} labels={labels} />
        ))}
      </div>
      {active.length > 0 && (
        <div className="active-filters">
          <span id={`${headingId}-active`}>{t('active')}</span>
          <ul aria-labelledby={`${headingId}-active`}>
            {active.map(({ name, value }) => {
              const text = t('chip', { filter: t(`names.${name}`), value: labelOf(labels, name, value) });
              return (
                <li key={`${name}=${value}`}>
                  <button
                    type="button"
                    className="chip"
                    aria-label={t('remove', { filter: text })}
                    onClick={() => setFilter(name, (filters[name] ?? []).filter((other) => other !== value))}
                  >
                    {text} <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="link-button" onClick={clearFilters}>
            {t('clear')}
          </button>
        </div>
      )}
    </section>
  );
}

function FilterMenu({ name, selected: inAddress, onChange, labels }: { name: FilterName; selected: readonly string[]; onChange: (values: string[]) => void; labels: Labels }) {
  const { t } = useTranslation('filters');
  // A box ticks at once, and quick ticks build on each other (see usePendingValue).
  const [selectedList, show] = usePendingValue(inAddress.join(','));
  const selected = useMemo(() => (selectedList ? selectedList.split(',') : []), [selectedList]);
  const choose = (values: string[]) => {
    show(values.join(','));
    onChange(values);
  };
  const [open, setOpen] = useState(false);
  const [narrow, setNarrow] = useState('');
  const details = useRef<HTMLDetailsElement>(null);
  const id = useId();
  // The choices are read when the menu is first opened (or were, by the overview's charts).
  const grouping = OPTIONS_FROM[name];
  const summary = useFundingSummary(grouping ?? 'line', {}, { enabled: open && grouping !== undefined });

  // A click elsewhere closes the menu, as a menu does.
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (details.current && !details.current.contains(event.target as Node)) details.current.open = false;
    };
    document.addEventListener('click', outside);
    return () => document.removeEventListener('click', outside);
  }, [open]);

  const options = useMemo(() => {
    let values: string[];
    if (name === 'coverage') values = [...COVERAGES];
    // By state, `global` is the money of projects naming no state: not a state to filter by.
    else values = (summary.data?.groups ?? []).map((group) => groupValueOf(grouping!, group)).filter((value) => value !== '' && !(name === 'state' && value === 'global'));
    // A value in the address that no project has any more stays listed, so it can be unticked.
    for (const value of selected) if (!values.includes(value)) values.push(value);
    const named = values.map((value) => ({ value, label: labelOf(labels, name, value) }));
    if (name === 'status') named.sort((a, b) => rank(a.value) - rank(b.value));
    else if (name === 'region' || name === 'type' || name === 'state') named.sort((a, b) => a.label.localeCompare(b.label));
    return named;
  }, [name, grouping, summary.data, selected, labels]);

  const shown = narrow.trim() ? options.filter((option) => option.label.toLocaleLowerCase().includes(narrow.trim().toLocaleLowerCase())) : options;
  const title = t(`names.${name}`);

  return (
    <details
      ref={details}
      className="filter-menu"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
      onBlur={(event) => {
        // Tabbing on past the menu closes it, so it does not cover what the keyboard reached.
        const next = event.relatedTarget as Node | null;
        if (next && !event.currentTarget.contains(next)) event.currentTarget.open = false;
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && details.current?.open) {
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>
        {title}
        {selected.length > 0 && (
          <span className="filter-count">
            {' '}
            <span aria-hidden="true">({selected.length})</span>
            <span className="visually-hidden">{t('selectedCount', { count: selected.length })}</span>
          </span>
        )}
      </summary>
      <div className="filter-panel">
        <fieldset>
          <legend>{title}</legend>
          {options.length > NARROW_FROM && (
            <label className="filter-narrow">
              <span>{t('narrow')}</span>
              <input type="search" value={narrow} onChange={(event) => setNarrow(event.target.value)} />
            </label>
          )}
          {summary.isPending && grouping !== undefined && open && options.length === 0 ? (
            <p role="status">{t('loadingOptions')}</p>
          ) : summary.isError ? (
            <p role="alert">{summary.error.message}</p>
          ) : (
            <ul className="filter-options">
              {shown.map((option) => (
                <li key={option.value}>
                  <label>
                    <input
                      type="checkbox"
                      name={name}
                      value={option.value}
                      id={`${id}-${option.value}`}
                      checked={selected.includes(option.value)}
                      onChange={(event) => choose(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))}
                    />{' '}
                    {option.label}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      </div>
    </details>
  );
}

function rank(status: string): number {
  const index = LIFECYCLE.indexOf(status);
  return index === -1 ? LIFECYCLE.length : index;
}
