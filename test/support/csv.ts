/**
 * Reads CSV as RFC 4180 defines it, strictly, to check what the service writes: records end
 * in CRLF (a lone LF or CR outside quotes is refused), quoted fields may hold commas, CRLF and
 * doubled quotes. The byte-order mark is the caller's to strip.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      let end = at + 1;
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote === -1) throw new Error(`unterminated quoted field at ${at}`);
        if (text[quote + 1] === '"') {
          field += text.slice(end, quote + 1);
          end = quote + 2;
          continue;
        }
        field += text.slice(end, quote);
        at = quote + 1;
        break;
      }
      if (!(text[at] === ',' || text.startsWith('\r\n', at))) throw new Error(`text after a closing quote at ${at}`);
      continue;
    }
    if (text[at] === ',') {
      record.push(field);
      field = '';
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      at += 2;
    } else if (text[at] === '\r' || text[at] === '\n' || text[at] === '"') {
      throw new Error(`a bare ${JSON.stringify(text[at])} outside quotes at ${at}`);
    } else {
      field += text[at];
      at += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

/** The records after the header, each as an object by the header's names. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) throw new Error('no header row');
  for (const record of records) if (record.length !== header.length) throw new Error(`a record of ${record.length} fields under a header of ${header.length}`);
  return { header, rows: records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]!]))) };
}
