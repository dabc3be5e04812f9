import { useTranslation } from 'react-i18next';

/**
 * Placeholder until the verification page (issue 21, branch i21-verify) is merged: the
 * explorer's routes import this file, so the build needs it. That branch replaces it whole.
 */
export function VerificationPage() {
  const { t } = useTranslation('explorer');
  return (
    <section className="explorer-page">
      <h1>{t('home.verification')}</h1>
    </section>
  );
}
