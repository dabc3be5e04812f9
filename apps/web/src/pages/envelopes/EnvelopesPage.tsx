import { useTranslation } from 'react-i18next';

// Scaffold: this page is built in its own change (issue 19).
export function EnvelopesPage() {
  const { t } = useTranslation();
  return <h1>{t('pages.EnvelopesPage')}</h1>;
}
