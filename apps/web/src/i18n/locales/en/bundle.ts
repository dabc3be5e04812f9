/** Every namespace of this language, as one chunk: the application loads the reader's language only (i18n.ts). */
export default import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });
