import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/** The interface's languages; a project's own texts may be in others (ru, ar, …). */
export const INTERFACE_LANGUAGES = ['en', 'fr', 'es'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/**
 * Every file locales/<language>/<namespace>.json is a namespace: one per page or part, so
 * pages add their words without touching each other's files. Bundled (a few kB gzip for
 * all three languages), so switching language never waits for the network.
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function resources(): Record<string, Record<string, Record<string, unknown>>> {
  const all: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, words] of Object.entries(files)) {
    const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
    (all[language!] ??= {})[namespace!] = words;
  }
  return all;
}

export async function startI18n(): Promise<void> {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: resources(),
      supportedLngs: [...INTERFACE_LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      // The reader's choice (the switcher, or ?lang=fr in a shared link), else the browser's languages.
      detection: { order: ['querystring', 'localStorage', 'navigator'], lookupQuerystring: 'lang', lookupLocalStorage: 'portfolio-ledger.language', caches: ['localStorage'] },
    });
  const mark = (language: string) => {
    document.documentElement.lang = language;
    document.documentElement.dir = i18next.dir(language);
  };
  mark(i18next.resolvedLanguage ?? 'en');
  i18next.on('languageChanged', (language) => mark(i18next.resolvedLanguage ?? language));
}

/** The interface language now in use (one of INTERFACE_LANGUAGES). */
export function currentLanguage(): InterfaceLanguage {
  return (i18next.resolvedLanguage as InterfaceLanguage | undefined) ?? 'en';
}
