import { useTranslation } from 'react-i18next';

// Scaffold: this page is built in its own change (issue 19).
export function ContributionsPage() {
  const { t } = useTranslation();
  return <h1>{t('pages.ContributionsPage')}</h1>;
}
