import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { chooseAsOf, useAsOf, withAsOf } from '../../api/as-of';
import { iatiFilePath } from '../../api/iati';
import { fundingSummaryPath, GROUPINGS } from '../../api/funding-summary';
import { portfolioCsvPath } from '../../api/portfolio-list';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { auditTrailDownloadPath, SUBJECT_TYPES } from './audit-trail';
import { historyPath } from './history/AuditEntryList';

/** An ISO 8601 instant with its zone, as the API takes `asOf`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The pages an instant applies to, each reading its views as of it. */
const PAGES = [
  ['/', 'overview'],
  ['/portal/projects', 'projects'],
  ['/portal/envelopes', 'envelopes'],
  ['/portal/contributions', 'contributions'],
  ['/workbench/approvals', 'approvals'],
] as const;

/**
 * /explorer — the auditor's explorer: choose the instant every page is read at, open the
 * history of any project, envelope, contribution or code list, search the audit trail,
 * verify the store, and download what the pages show as of the instant.
 */
export function ExplorerHome() {
  const { t } = useTranslation('explorer');
  const asOf = useAsOf();
  const navigate = useNavigate();
  const [instantError, setInstantError] = useState<string>();
  useDocumentTitle(t('home.title'));

  function travel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('asOf') ?? '').trim();
    if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) return setInstantError(t('home.instantInvalid'));
    if (Date.parse(value) > Date.now()) return setInstantError(t('home.instantFuture'));
    setInstantError(undefined);
    const instant = new Date(value).toISOString();
    chooseAsOf(instant);
    void navigate(withAsOf('/explorer', instant));
  }

  function openHistory(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const subject = String(form.get('subject') ?? '').trim();
    if (subject) void navigate(withAsOf(historyPath(String(form.get('subjectType')), subject), asOf));
  }

  return (
    <section className="explorer-page explorer-home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>

      <section aria-labelledby="time-travel">
        <h2 id="time-travel">{t('home.timeTravel')}</h2>
        <p>{t('home.timeTravelIntro')}</p>
        <form className="as-of-form" onSubmit={travel} noValidate>
          <label>
            <span>{t('home.instant')}</span>
            <input name="asOf" key={asOf ?? 'now'} defaultValue={asOf ?? new Date().toISOString().slice(0, 19) + 'Z'} aria-describedby="instant-hint" aria-invalid={instantError ? true : undefined} size={28} />
          </label>
          <button type="submit">{t('home.travel')}</button>
          <p id="instant-hint" className="note">
            {t('home.instantHint')}
          </p>
          {instantError && (
            <p role="alert" className="problem">
              {instantError}
            </p>
          )}
        </form>
        <ul className="as-of-pages">
          {PAGES.map(([path, name]) => (
            <li key={name}>
              <Link to={withAsOf(path, asOf)}>{t(`home.page.${name}`)}</Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="histories">
        <h2 id="histories">{t('home.histories')}</h2>
        <form className="history-form" onSubmit={openHistory}>
          <label>
            <span>{t('home.subjectType')}</span>
            <select name="subjectType" defaultValue="project">
              {SUBJECT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`subjectType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('home.subject')}</span>
            <input name="subject" placeholder="PO.0001 · 2026-1 · thematic-areas" required />
          </label>
          <button type="submit">{t('home.openHistory')}</button>
        </form>
        <p>
          <Link to={withAsOf('/explorer/audit-trail', asOf)}>{t('home.auditTrail')}</Link> · <Link to="/explorer/verification">{t('home.verification')}</Link>
        </p>
      </section>

      <section aria-labelledby="exports">
        <h2 id="exports">{asOf ? t('home.exportsAsOf', { asOf }) : t('home.exportsNow')}</h2>
        <ul className="export-links">
          <li>
            <a href={portfolioCsvPath({}, {}, asOf)} download className="export-portfolio-csv">
              {t('home.export.portfolio')}
            </a>
          </li>
          {GROUPINGS.map((grouping) => (
            <li key={grouping}>
              <a href={fundingSummaryPath(grouping, {}, 'csv', asOf)} download>
                {t('home.export.summary', { grouping })}
              </a>
            </li>
          ))}
          <li>
            <a href={auditTrailDownloadPath({}, asOf)} download>
              {t('home.export.trail')}
            </a>
          </li>
          <li>
            <a href={iatiFilePath(undefined, asOf)} download className="export-iati">
              {t('home.export.iati')}
            </a>
          </li>
        </ul>
      </section>
    </section>
  );
}
