import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AS_OF_PARAM, chooseAsOf, chosenAsOf, withAsOf, withoutAsOf } from '../../api/as-of';

/**
 * Marks every page read as of a past instant, with the way back to now; and keeps the
 * instant in the address: a link followed inside the application (which knows nothing of
 * the instant) gets it back at once, so the page reads, and a copied link shares, the same
 * instant (api/as-of.ts).
 */
export function AsOfBanner() {
  const { t } = useTranslation('explorer');
  const location = useLocation();
  const navigate = useNavigate();
  const inAddress = new URLSearchParams(location.search).get(AS_OF_PARAM) || undefined;
  const here = `${location.pathname}${location.search}${location.hash}`;

  useEffect(() => {
    if (inAddress) chooseAsOf(inAddress);
    else if (chosenAsOf()) void navigate(withAsOf(here, chosenAsOf()), { replace: true });
  }, [inAddress, here, navigate]);

  const asOf = inAddress ?? chosenAsOf();
  if (!asOf) return null;
  return (
    <aside className="as-of-banner" aria-label={t('asOf.label')} data-as-of={asOf}>
      <p>
        <strong>{t('asOf.viewing')}</strong> <time dateTime={asOf}>{asOf}</time>. {t('asOf.explain')}
      </p>
      <p className="as-of-actions">
        <Link to={withAsOf('/explorer', asOf)}>{t('asOf.change')}</Link>{' '}
        <Link to={withoutAsOf(here)} className="back-to-now" onClick={() => chooseAsOf(undefined)}>
          {t('asOf.backToNow')}
        </Link>
      </p>
    </aside>
  );
}
