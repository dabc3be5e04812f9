import type { GlobalPosition } from '#event-store';
import type { DocumentRef, ViewDocument } from './projection.js';

export interface CommitOptions {
  /** The checkpoint the batch was read after. */
  from?: GlobalPosition;
}

/** One write of a projection: a document replaced (doc) or deleted (null). */
export interface DocumentChange {
  ref: DocumentRef;
  doc: ViewDocument | null;
}

/**
 * A condition on a document field. `field` is a dotted path into the document
 * ('status', 'budget', 'stateCodes'). Values compare as JSON values of the same type
 * (numbers numerically, strings by code point).
 *
 * - eq / in: equal to the value / one of the values
 * - contains: the field is an array containing the value
 * - containsAny: the field is an array containing at least one of the values
 * - gte / lte / gt / lt: ranges (numbers, or ISO dates and instants as strings)
 */
export type FieldFilter =
  | { field: string; op: 'eq'; value: string | number | boolean }
  | { field: string; op: 'in'; value: readonly (string | number)[] }
  | { field: string; op: 'contains'; value: string | number }
  | { field: string; op: 'containsAny'; value: readonly (string | number)[] }
  | { field: string; op: 'gte' | 'lte' | 'gt' | 'lt'; value: string | number };

export interface DocumentFilter {
  fields?: readonly FieldFilter[];
  /**
   * Words that must all occur (case-insensitive, any script) in the document's
   * `searchText` string field.
   */
  text?: string;
}

export interface DocumentQuery extends DocumentFilter {
  /** Sort field (dotted path; a number or string in every document); ties broken by key. */
  sortBy: string;
  direction: 'asc' | 'desc';
  /** 1..500 */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  after?: string;
}

export interface DocumentPage {
  items: ViewDocument[];
  /** Present when there may be more: pass it as `after` for the next page. */
  nextCursor?: string;
}

export interface AggregateQuery extends DocumentFilter {
  /**
   * Group by this field. With `unwind`, the documents' array field `unwind` is expanded
   * first and `groupBy` and `sum` name fields of its elements (e.g. unwind 'splits',
   * groupBy 'state', sum ['budget', …]).
   */
  groupBy: string;
  unwind?: string;
  /** Integer fields to add up per group. */
  sum: readonly string[];
}

export interface AggregateRow {
  /** The group's value (null when the field is absent). */
  group: string | number | null;
  /** Documents (or unwound elements) in the group. */
  count: number;
  /** Exact integer sums, by field. */
  sums: Record<string, number>;
}

/**
 * Where the views live, with each projection's checkpoint. Every adapter (SQL on PGlite
 * and PostgreSQL, MongoDB) passes the shared read-store suite.
 *
 * Generations make rebuilds safe: a projection reads and writes its *active* generation
 * unless told otherwise; a rebuild fills a new generation from the start of the feed while
 * the active one keeps answering, then `activate`s it.
 */
export interface ReadStore {
  /** The projection's active generation (1 when it has never been rebuilt). */
  activeGeneration(projection: string): Promise<number>;

  /** How far the projection's generation has applied the feed; START when nothing yet. */
  checkpoint(projection: string, generation: number): Promise<GlobalPosition>;

  /** The current documents of a generation, by refId; absent ones are not in the map. */
  load(projection: string, generation: number, refs: readonly DocumentRef[]): Promise<Map<string, ViewDocument>>;

  /**
   * Writes the changes and moves the checkpoint to `position`, atomically: after a crash
   * either both happened or neither. Each written document also records `position`, so
   * that re-applying an already applied event can be recognised. A commit at or before the
   * stored checkpoint changes nothing. With `from`, it also changes nothing unless the
   * stored checkpoint is still `from` (START: none stored yet) — so two runners of one
   * projection (two projector processes) can never apply a batch twice.
   * Resolves true when it wrote, false when it changed nothing. A commit to a generation an
   * activation has retired writes nothing and rejects with `RetiredGenerationError`.
   */
  commit(
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    position: GlobalPosition,
    options?: CommitOptions,
  ): Promise<boolean>;

  /** Creates an empty generation for a rebuild and returns its number. */
  createGeneration(projection: string): Promise<number>;

  /** Makes `generation` the one queries read, and drops the generations before it. */
  activate(projection: string, generation: number): Promise<void>;

  /** A page of a collection's documents in the projection's active generation. */
  find(projection: string, collection: string, query: DocumentQuery): Promise<DocumentPage>;

  /** One document of the active generation. */
  get(projection: string, collection: string, key: string): Promise<ViewDocument | undefined>;

  /**
   * Grouped sums over the active generation, plus the total, the groups in `byGroup` order
   * (by their value; the null group last). The total adds up the same
   * fields over the matching documents themselves (never unwound), so a document that
   * falls into several groups (a regional project) is counted once in the total.
   */
  aggregate(projection: string, collection: string, query: AggregateQuery): Promise<{ groups: AggregateRow[]; total: AggregateRow }>;

  close(): Promise<void>;
}

/**
 * A query the client got wrong (a cursor not from a previous page of the same sort, a page
 * size out of range): the API answers 400. Every adapter throws this one type for it.
 */
export class InvalidViewQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidViewQueryError';
  }
}

/**
 * A commit to a generation that an activation has retired (a rebuild replaced it): nothing
 * was written. The writer should move to the active generation. Every adapter throws this one
 * type for it.
 */
export class RetiredGenerationError extends Error {
  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly active: number,
  ) {
    super(`generation ${generation} of ${projection} was retired when generation ${active} was activated: nothing committed`);
    this.name = 'RetiredGenerationError';
  }
}

/**
 * The order of `aggregate`'s groups, the same in every adapter whatever the database's
 * collation: by the group's value, numbers (ascending) before strings (by code point, so
 * 'Z' before 'a'), the null group (the field absent) last.
 */
export function byGroup(a: AggregateRow, b: AggregateRow): number {
  return rankOf(a.group) - rankOf(b.group) || (a.group! < b.group! ? -1 : a.group! > b.group! ? 1 : 0);
}

function rankOf(group: AggregateRow['group']): number {
  if (group === null) return 3;
  return typeof group === 'number' ? 0 : typeof group === 'string' ? 1 : 2; // 2: what else a document may hold (true)
}
