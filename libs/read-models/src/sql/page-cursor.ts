import type { DocumentQuery } from '../read-store.port.js';
import { InvalidViewQueryError } from '../read-store.port.js';

/**
 * Where a page ended: the last row's sort key, as SQL computed it (`read_sort_number` as
 * numeric text, `read_sort_text`) and its document key. Carried as the opaque `after`
 * cursor (base64url JSON), bound to the sort it was made for.
 */
export interface PageCursor {
  sortNumber: string;
  sortText: string;
  key: string;
}

interface CursorJson {
  by: string;
  dir: DocumentQuery['direction'];
  n: string;
  t: string;
  k: string;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

export function encodeCursor(query: Pick<DocumentQuery, 'sortBy' | 'direction'>, at: PageCursor): string {
  const json: CursorJson = { by: query.sortBy, dir: query.direction, n: at.sortNumber, t: at.sortText, k: at.key };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The position a cursor stands for; a RangeError for a cursor this sort did not make. */
export function decodeCursor(query: Pick<DocumentQuery, 'sortBy' | 'direction'>, cursor: string): PageCursor {
  let json: Partial<CursorJson>;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorJson>;
  } catch {
    throw invalidCursor();
  }
  const { by, dir, n, t, k } = json ?? {};
  if (typeof n !== 'string' || !NUMERIC.test(n) || typeof t !== 'string' || typeof k !== 'string') {
    throw invalidCursor();
  }
  if (by !== query.sortBy || dir !== query.direction) {
    throw new InvalidViewQueryError(`the cursor was made for another sort (${String(by)} ${String(dir)})`);
  }
  return { sortNumber: n, sortText: t, key: k };
}

function invalidCursor(): InvalidViewQueryError {
  return new InvalidViewQueryError('invalid page cursor: pass a nextCursor from a previous page unchanged');
}
