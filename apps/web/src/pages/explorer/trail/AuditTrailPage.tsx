import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { TrailView } from './TrailView';

/**
 * /explorer/audit-trail — every event of the portfolio, in the order recorded: search by
 * actor, type, project and time range (the address holds the search), a page at a time
 * with the API's cursor, and the download of all the search selects.
 */
export function AuditTrailPage() {
  const { t } = useTranslation('explorer');
  useDocumentTitle(t('trail.title'));
  return (
    <section className="explorer-page audit-trail-page">
      <p className="back-links">
        <Link to="/explorer">{t('home.title')}</Link>
      </p>
      <h1>{t('trail.title')}</h1>
      <p className="lead">{t('trail.intro')}</p>
      <TrailView fixed={{}} withProject />
    </section>
  );
}
