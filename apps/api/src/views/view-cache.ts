import {
  InProcessViewVersions,
  searchWords,
  StoredViewVersions,
  ViewCache,
  type DocumentFilter,
  type Projector,
  type ReadStore,
  type ViewVersionSource,
} from '#read-models';
import type { AppConfig } from '#runtime';

/**
 * The application's one ViewCache, shared by its view controllers (ViewsModule provides it).
 *
 * Versions come from the projector in this process when it is the only writer of the views:
 * it runs here and the views are embedded (an embedded store is locked to one process).
 * Otherwise — views on a server, written by apps/projector or by several projectors — they
 * are read from the store's checkpoint rows.
 */
export function makeViewCache(projector: Projector, views: ReadStore, config: Pick<AppConfig, 'runProjector' | 'readStore'>): ViewCache {
  const stored = new StoredViewVersions(views);
  const versions: ViewVersionSource =
    config.runProjector && config.readStore === 'embedded' ? new InProcessViewVersions(() => projector.status(), stored) : stored;
  return new ViewCache(versions);
}

/**
 * The cache key of a view question: the view, who asks (when that changes the answer) and
 * the read-store query. The words of a text search count as a set in their normalised form
 * (the store finds documents containing all of them, in any order and case), so "Migration
 * policy" and "policy  migration" share one answer.
 */
export function viewQuestionKey(view: string, audience: string | null, query: DocumentFilter & Record<string, unknown>): string {
  const { text, ...rest } = query;
  const words = text === undefined ? [] : searchWords(text).sort();
  return JSON.stringify([view, audience, rest, words]);
}
