import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/** The interface's languages; a project's own texts may be in others (ru, ar, …). */
export const INTERFACE_LANGUAGES = ['en', 'fr', 'es'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/**
 * Every file locales/<language>/<namespace>.json is a namespace: one per page or part, so
 * pages add their words without touching each other's files. A language's namespaces are
 * one chunk (locales/<language>/bundle.ts), fetched when the language is first used: the
 * first page carries the reader's words only, not every page's in every language.
 */
const bundles = import.meta.glob<{ default: Record<string, Record<string, unknown>> }>('./locales/*/bundle.ts');

/** A language's namespaces by name, loaded once (the module system keeps it). */
async function wordsOf(language: string): Promise<Record<string, Record<string, unknown>>> {
  const load = bundles[`./locales/${language}/bundle.ts`];
  if (load === undefined) return {};
  const files = (await load()).default;
  return Object.fromEntries(Object.entries(files).map(([path, words]) => [/\.\/([^/]+)\.json$/.exec(path)![1]!, words]));
}

/** i18next's backend: each (language, namespace) from the language's bundle. */
const bundleBackend = {
  type: 'backend' as const,
  init() {},
  read(language: string, namespace: string, callback: (error: unknown, words: Record<string, unknown> | null) => void) {
    wordsOf(language).then(
      (words) => callback(null, words[namespace] ?? {}),
      (error: unknown) => callback(error, null),
    );
  },
};

export async function startI18n(): Promise<void> {
  await i18next
    .use(LanguageDetector)
    .use(bundleBackend)
    .use(initReactI18next)
    .init({
      // Every namespace, so no page waits for its words after the first render; the words
      // of the language (and English, the fallback) come in one request each.
      ns: Object.keys(await wordsOf('en')),
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
