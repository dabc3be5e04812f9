import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { directionOf, languagesOf, pickText } from '../../format/project-text';
import type { ProjectCard } from './project-card';

/** The query parameter that keeps the chosen language of the project's texts: a shared link shows the same. */
export const TEXT_LANGUAGE_PARAM = 'text';

/**
 * The project's title (the page's heading) and description, in the language the reader
 * chose among those the project has (`?text=ar`), else the interface language when the
 * project has it, else English, else its first. Each text carries its own `lang` and `dir`,
 * so Arabic lays out right to left inside a left-to-right page (and screen readers switch voice).
 */
export function ProjectTexts({ card }: { card: ProjectCard }) {
  const { t, i18n } = useTranslation('project');
  const [search, setSearch] = useSearchParams();
  const languages = [...new Set([...languagesOf(card.title), ...languagesOf(card.description)])];
  const asked = search.get(TEXT_LANGUAGE_PARAM);
  const preferred = asked && languages.includes(asked) ? asked : (i18n.resolvedLanguage ?? 'en');
  const title = pickText(card.title, preferred);
  const description = pickText(card.description, preferred);
  const chosen = title?.language ?? preferred;

  const choose = (language: string) => {
    const next = new URLSearchParams(search);
    next.set(TEXT_LANGUAGE_PARAM, language);
    // Replace, not push: switching a text's language is not a new page to go back through.
    setSearch(next, { replace: true, preventScrollReset: true });
  };

  return (
    <>
      <h1 lang={title?.language} dir={title?.dir} className="project-title">
        {title?.text ?? card.projectId}
      </h1>
      {languages.length > 1 && (
        <div role="group" aria-labelledby="text-languages-label" className="text-languages">
          <span id="text-languages-label" className="text-languages-label">
            {t('texts.switchLabel')}
          </span>
          {languages.map((language) => (
            <button
              key={language}
              type="button"
              className="secondary"
              aria-pressed={language === chosen}
              onClick={() => choose(language)}
            >
              <LanguageName language={language} />
            </button>
          ))}
        </div>
      )}
      {description && (
        <p lang={description.language} dir={description.dir} className="project-description">
          {description.text}
        </p>
      )}
      {asked && !languages.includes(asked) && title && (
        <p className="muted">{t('texts.unknownLanguage', { asked, shown: languageName(title.language, i18n.resolvedLanguage ?? 'en') })}</p>
      )}
      {title && description && title.language !== description.language && (
        <p className="muted">{t('texts.descriptionFallback', { language: languageName(description.language, i18n.resolvedLanguage ?? 'en') })}</p>
      )}
    </>
  );
}

function languageName(language: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** "Arabic (العربية)": the language's name in the interface language, and its own name in its own script. */
function LanguageName({ language }: { language: string }) {
  const { i18n } = useTranslation();
  const inInterface = languageName(language, i18n.resolvedLanguage ?? 'en');
  const own = languageName(language, language);
  if (own.toLocaleLowerCase(language) === inInterface.toLocaleLowerCase(language)) return <span lang={language}>{own}</span>;
  return (
    <>
      {inInterface}{' '}
      (<bdi lang={language} dir={directionOf(language)}>
        {own}
      </bdi>)
    </>
  );
}
