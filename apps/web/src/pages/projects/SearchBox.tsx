import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long typing may pause before the list is asked again: a request per word, not per key. */
const DEBOUNCE_MS = 300;

/**
 * The search box: words in any language and script (the API folds accents, case and Arabic
 * marks on both sides). The list follows 300 ms after the last key, or at once on Enter.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation('projects');
  const id = useId();
  const [draft, setDraft] = useState(value);
  // What this box last sent: the address coming back with it must not undo keys typed since.
  const sent = useRef(value);
  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  });

  useEffect(() => {
    if (value !== sent.current) {
      // Changed elsewhere (the browser's back button, a link): show it.
      sent.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = draft;
      search.current(draft);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        sent.current = draft;
        onSearch(draft);
      }}
    >
      <label htmlFor={id}>{t('search')}</label>
      <input id={id} type="search" name="q" value={draft} onChange={(event) => setDraft(event.target.value)} aria-describedby={`${id}-hint`} maxLength={200} autoComplete="off" />
      <p id={`${id}-hint`} className="hint">
        {t('searchHint')}
      </p>
    </form>
  );
}
