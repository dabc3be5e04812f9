import { comparePositions, START, type GlobalPosition } from '#event-store';
import type { DocumentRef, ViewDocument } from '../projection.js';
import { refId } from '../projection.js';
import { assertGeneration, assertName, commitArgumentsChecked, lastChanges } from '../query-arguments.js';
import {
  RetiredGenerationError,
  type AggregateQuery,
  type AggregateRow,
  type CommitOptions,
  type DocumentChange,
  type DocumentPage,
  type DocumentQuery,
  type ReadStore,
} from '../read-store.port.js';
import { aggregateIn, findIn } from './memory-queries.js';

/** Collection → key → document. */
export type MemoryCollections = Map<string, Map<string, ViewDocument>>;

interface Generation {
  checkpoint: GlobalPosition;
  collections: MemoryCollections;
}

interface ProjectionViews {
  active: number;
  generations: Map<number, Generation>;
}

/**
 * Views held in this process's memory: what the views as of an instant are folded into
 * (docs/adr/0020), and a read store that passes the shared contract. Documents are kept as
 * written and handed out as kept: callers must not change what `find`, `get` or `load` return.
 */
export class MemoryReadStore implements ReadStore {
  private readonly projections = new Map<string, ProjectionViews>();

  /**
   * A store whose projections' active generation holds `collections` (taken as they are, not
   * copied) at `checkpoint`: each projection reads the collections it names.
   */
  static holding(collectionsByProjection: ReadonlyMap<string, MemoryCollections>, checkpoint: GlobalPosition): MemoryReadStore {
    const store = new MemoryReadStore();
    for (const [projection, collections] of collectionsByProjection) {
      store.projections.set(projection, { active: 1, generations: new Map([[1, { checkpoint, collections }]]) });
    }
    return store;
  }

  async activeGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    return this.projections.get(projection)?.active ?? 1;
  }

  async checkpoint(projection: string, generation: number): Promise<GlobalPosition> {
    assertName('projection', projection);
    assertGeneration(generation);
    return this.projections.get(projection)?.generations.get(generation)?.checkpoint ?? START;
  }

  async load(projection: string, generation: number, refs: readonly DocumentRef[]): Promise<Map<string, ViewDocument>> {
    assertName('projection', projection);
    assertGeneration(generation);
    const collections = this.projections.get(projection)?.generations.get(generation)?.collections;
    const found = new Map<string, ViewDocument>();
    for (const ref of refs) {
      const doc = collections?.get(ref.collection)?.get(ref.key);
      if (doc !== undefined) found.set(refId(ref), doc);
    }
    return found;
  }

  async commit(
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    position: GlobalPosition,
    options: CommitOptions = {},
  ): Promise<boolean> {
    if (!commitArgumentsChecked(projection, generation, position, options.from)) return false;
    const latest = lastChanges(changes);
    const views = this.viewsOf(projection);
    if (generation < views.active) throw new RetiredGenerationError(projection, generation, views.active);
    const target = this.generationOf(views, generation);
    if (comparePositions(position, target.checkpoint) <= 0) return false;
    if (options.from !== undefined && comparePositions(options.from, target.checkpoint) !== 0) return false;
    // Through JSON, as into a database: the store keeps what a database would, and refuses
    // what none keeps before anything is written.
    const stored = latest.map(({ ref, doc }) => ({ ref, doc: doc === null ? null : storable(doc) }));
    for (const { ref, doc } of stored) {
      if (!target.collections.has(ref.collection)) target.collections.set(ref.collection, new Map());
      if (doc === null) target.collections.get(ref.collection)!.delete(ref.key);
      else target.collections.get(ref.collection)!.set(ref.key, doc);
    }
    target.checkpoint = position;
    return true;
  }

  async createGeneration(projection: string): Promise<number> {
    assertName('projection', projection);
    const views = this.viewsOf(projection);
    const generation = Math.max(views.active, ...views.generations.keys()) + 1;
    this.generationOf(views, generation);
    return generation;
  }

  async activate(projection: string, generation: number): Promise<void> {
    assertName('projection', projection);
    assertGeneration(generation);
    const views = this.viewsOf(projection);
    if (generation < views.active) throw new RetiredGenerationError(projection, generation, views.active);
    this.generationOf(views, generation);
    views.active = Math.max(views.active, generation);
    for (const older of [...views.generations.keys()]) if (older < views.active) views.generations.delete(older);
  }

  async find(projection: string, collection: string, query: DocumentQuery): Promise<DocumentPage> {
    return findIn(this.documents(projection, collection), query);
  }

  async get(projection: string, collection: string, key: string): Promise<ViewDocument | undefined> {
    if (typeof key !== 'string') throw new RangeError(`a document key is a string, got ${JSON.stringify(key)}`);
    return this.documents(projection, collection).get(key);
  }

  async aggregate(projection: string, collection: string, query: AggregateQuery): Promise<{ groups: AggregateRow[]; total: AggregateRow }> {
    return aggregateIn(this.documents(projection, collection), query);
  }

  async close(): Promise<void> {}

  private documents(projection: string, collection: string): ReadonlyMap<string, ViewDocument> {
    assertName('projection', projection);
    assertName('collection', collection);
    const views = this.projections.get(projection);
    return views?.generations.get(views.active)?.collections.get(collection) ?? new Map();
  }

  private viewsOf(projection: string): ProjectionViews {
    if (!this.projections.has(projection)) this.projections.set(projection, { active: 1, generations: new Map() });
    return this.projections.get(projection)!;
  }

  private generationOf(views: ProjectionViews, generation: number): Generation {
    if (!views.generations.has(generation)) views.generations.set(generation, { checkpoint: START, collections: new Map() });
    return views.generations.get(generation)!;
  }
}

/** A NUL or a lone surrogate: text that PostgreSQL's jsonb (and MongoDB's BSON) cannot keep. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function storable(doc: ViewDocument): ViewDocument {
  const json = JSON.stringify(doc, (key, value: unknown) => {
    if (UNSTORABLE.test(key) || (typeof value === 'string' && UNSTORABLE.test(value))) {
      throw new TypeError('a document holds a NUL character or a lone surrogate, which no store keeps');
    }
    return value;
  });
  return JSON.parse(json) as ViewDocument;
}
