import { DomainError } from '../shared/domain-error.js';

/** One record of the file: its fields by (header) name, and the line it starts on (1-based). */
export interface SourceRow {
  line: number;
  fields: Record<string, string>;
}

/** A record the reader could not take apart; reported with its line, like a refused row. */
export interface UnreadableRow {
  line: number;
  code: 'import.malformed-row';
  message: string;
}

export type SourceFormat = 'csv' | 'jsonl';

/**
 * The format of a file: by extension (.csv; .jsonl or .ndjson), else by content (a first
 * non-blank character `{` is JSON Lines). An extension that contradicts the content is refused.
 */
export function formatOf(fileName: string, text: string): SourceFormat {
  const lower = fileName.toLowerCase();
  const looksJson = text.replace(/^\uFEFF/, '').trimStart().startsWith('{');
  const byName: SourceFormat | undefined = lower.endsWith('.csv') ? 'csv' : /\.(jsonl|ndjson)$/.test(lower) ? 'jsonl' : undefined;
  const byContent: SourceFormat = looksJson ? 'jsonl' : 'csv';
  if (byName !== undefined && byName !== byContent) {
    throw new DomainError('import.unreadable-file', `${fileName} is named as ${byName} but its content is ${byContent}`, 'invalid');
  }
  return byName ?? byContent;
}

export function readSourceRows(fileName: string, text: string): { rows: SourceRow[]; unreadable: UnreadableRow[] } {
  const body = text.replace(/^\uFEFF/, '');
  return formatOf(fileName, body) === 'csv' ? readCsv(body) : readJsonLines(body);
}

/**
 * RFC 4180: fields separated by commas (or semicolons, as French and Spanish spreadsheets
 * write them: the header line decides), quoted with `"` and `""` inside, quoted fields may
 * hold separators and line breaks; CRLF or LF. The first record is the header.
 */
export function readCsv(text: string): { rows: SourceRow[]; unreadable: UnreadableRow[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; values: string[]; error?: string }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const values: string[] = [];
    let error: string | undefined;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= text.length) {
            error = 'a quoted field is not closed';
            break;
          }
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (text[i] === '\n') line += 1;
          value += text[i];
          i += 1;
        }
        if (error === undefined && i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          error = 'text after a closing quote';
          while (i < text.length && text[i] !== '\n') i += 1;
        }
      } else {
        while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          value += text[i];
          i += 1;
        }
      }
      values.push(value);
      if (text[i] === separator) {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') {
        i += 1;
        line += 1;
      }
      break;
    }
    if (values.length === 1 && values[0]!.trim() === '' && error === undefined) continue;
    records.push({ line: start, values, ...(error === undefined ? {} : { error }) });
  }
  const [header, ...data] = records;
  if (header === undefined) return { rows: [], unreadable: [] };
  const names = header.values.map((name) => name.trim());
  const rows: SourceRow[] = [];
  const unreadable: UnreadableRow[] = [];
  for (const record of data) {
    if (record.error !== undefined || record.values.length !== names.length) {
      const message = record.error ?? `${record.values.length} fields where the header has ${names.length}`;
      unreadable.push({ line: record.line, code: 'import.malformed-row', message });
      continue;
    }
    rows.push({ line: record.line, fields: Object.fromEntries(names.map((name, index) => [name, record.values[index]!])) });
  }
  return { rows, unreadable };
}

/**
 * One JSON object per line. Values may be strings, or, for titles and descriptions, an
 * object of language → text; a number is refused where money is read (it may have lost
 * precision), so amounts come as strings.
 */
export function readJsonLines(text: string): { rows: SourceRow[]; unreadable: UnreadableRow[] } {
  const rows: SourceRow[] = [];
  const unreadable: UnreadableRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      unreadable.push({ line, code: 'import.malformed-row', message: 'not a JSON object' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      unreadable.push({ line, code: 'import.malformed-row', message: 'not a JSON object' });
      return;
    }
    const fields: Record<string, string> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string') fields[key] = inner;
      else if (typeof inner === 'number') fields[key] = `#number:${inner}`;
      else if (Array.isArray(inner)) fields[key] = inner.map(String).join(';');
      else if (typeof inner === 'object' && inner !== null) {
        // { "title": { "es": "…" } } is the same as a column title_es.
        for (const [tag, text] of Object.entries(inner)) if (typeof text === 'string') fields[`${key}_${tag}`] = text;
      }
    }
    rows.push({ line, fields });
  });
  return { rows, unreadable };
}
