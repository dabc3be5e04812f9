import { randomUUID } from 'node:crypto';
import type { GlobalPosition } from '#event-store';
import type { ViewDocument } from '../projection.js';
import type { DocumentPage, DocumentQuery, ReadStore } from '../read-store.port.js';

/**
 * A projection name no other test uses: the suite opens one store for all its tests, so
 * each test works in projections of its own and never assumes an empty store.
 */
export function aProjection(label = 'contract'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A feed position; `at(3)` < `at(3, 1)` < `at(4)`. */
export function at(commit: number, prepare = 0): GlobalPosition {
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

/**
 * Writes `docs` (by key) into `collection` of the projection's generation in one commit at
 * `position`, which must be after the generation's checkpoint (else the commit is a replay).
 */
export async function seed(
  store: ReadStore,
  projection: string,
  collection: string,
  docs: Readonly<Record<string, ViewDocument>>,
  position: GlobalPosition,
  generation = 1,
): Promise<void> {
  const changes = Object.entries(docs).map(([key, doc]) => ({ ref: { collection, key }, doc }));
  await store.commit(projection, generation, changes, position);
}

/** Every page of a query, following `nextCursor` (bounded, so a cursor loop fails the test). */
export async function allPages(
  store: ReadStore,
  projection: string,
  collection: string,
  query: DocumentQuery,
): Promise<DocumentPage[]> {
  const pages: DocumentPage[] = [];
  let after: string | undefined;
  do {
    const page = await store.find(projection, collection, { ...query, ...(after === undefined ? {} : { after }) });
    pages.push(page);
    after = page.nextCursor;
    if (pages.length > 1000) throw new Error('more than 1000 pages: the cursor does not advance');
  } while (after !== undefined);
  return pages;
}

/** The `key` field the fixtures give every document, to compare results by key. */
export function keysOf(docs: readonly ViewDocument[]): unknown[] {
  return docs.map((doc) => doc['key']);
}

/** Code-point order, the order the contract sorts strings and keys in. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A small portfolio: scalars of every kind, a nested object, an array, an ISO date and a
 * `searchText` already folded the way the projections store it (normalizedForSearch).
 */
export const PROJECTS: Readonly<Record<string, ViewDocument>> = {
  p1: {
    key: 'p1',
    status: 'approved',
    year: 2023,
    budget: 500_000,
    flagged: true,
    location: { region: 'Kakheti' },
    stateCodes: ['GE-KA', 'GE-TB'],
    awaitingSince: '2024-01-15',
    searchText: 'p1 water supply for telavi',
  },
  p2: {
    key: 'p2',
    status: 'submitted',
    year: 2024,
    budget: 1_250_000,
    flagged: false,
    location: { region: 'Imereti' },
    stateCodes: ['GE-IM'],
    awaitingSince: '2024-02-01',
    searchText: 'p2 водоснабжение москва школа',
  },
  p3: {
    key: 'p3',
    status: 'approved',
    year: 2024,
    budget: 75_000,
    flagged: false,
    location: { region: 'Kakheti' },
    stateCodes: ['GE-KA'],
    awaitingSince: '2024-03-10',
    searchText: 'p3 თბილისის სკოლა school 100% renovation',
  },
  p4: {
    key: 'p4',
    status: 'draft',
    year: '2024',
    budget: 10,
    flagged: false,
    location: { region: 'Adjara' },
    stateCodes: [],
    // Folded as the projections store it (normalizedForSearch): آمنة is kept as امنه.
    searchText: 'p4 مياه امنه للمدارس',
  },
  p5: {
    key: 'p5',
    status: 'GE-KA',
    budget: 2_000_000,
    flagged: true,
    location: {},
    stateCodes: ['GE-TB'],
    awaitingSince: '2023-12-31',
    searchText: 'p5 under_score and back\\slash',
  },
};
