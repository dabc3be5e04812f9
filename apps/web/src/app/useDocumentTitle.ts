import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab names the page (WCAG 2.4.2), after the application's name; the previous title comes back on leaving. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const brand = t('layout.brand');
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} · ${brand}`;
    return () => {
      document.title = before;
    };
  }, [title, brand]);
}
