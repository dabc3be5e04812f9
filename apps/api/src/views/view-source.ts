import { ViewCache, ViewsAsOf, type ReadStore } from '#read-models';
import { instantFrom } from '../http/instant.js';
import { ProblemError } from '../http/problem.js';
import { ViewFreshness } from './view-freshness.js';

/** What every view query may say about which views it reads. */
export interface ViewSourceQuery {
  minPosition?: string;
  asOf?: string;
}

/** A view question: its cache key and the projections it reads. */
export interface ViewQuestionOf {
  key: string;
  reads: readonly string[];
}

/**
 * The one place that decides which views a query reads: the live views (waiting for
 * `minPosition`, answers kept in the view cache), or, with `asOf`, the views folded from
 * the events recorded up to that instant by the same projections (docs/adr/0020). A view
 * controller asks it for the store and runs the same query code on either.
 */
export class ViewSource {
  constructor(
    private readonly live: ReadStore,
    private readonly freshness: ViewFreshness,
    private readonly cache: ViewCache,
    private readonly asOf: ViewsAsOf,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The instant asked for, normalised to UTC, or undefined for the live views. An instant in
   * the future is refused: what will be known then is not known now, and an answer given
   * for it would change as events arrive (ADR 0020).
   */
  instantOf(query: ViewSourceQuery): string | undefined {
    const instant = instantFrom(query.asOf, 'asOf');
    if (instant !== undefined && Date.parse(instant) > this.now()) {
      throw new ProblemError(400, 'request.invalid-instant', `asOf ${instant} is in the future; ask for an instant up to now`, [
        { field: 'asOf', message: 'in the future' },
      ]);
    }
    return instant;
  }

  /**
   * The answer `compute` gives on the views the query asks for. Live: once the views have
   * reached `minPosition`, kept in the view cache under the question. As of an instant: on the
   * fold for that instant, which is itself kept (ViewsAsOf) — it reads the event store, so
   * `minPosition` has nothing to wait for.
   */
  async answer<Answer>(query: ViewSourceQuery, question: ViewQuestionOf, compute: (views: ReadStore) => Promise<Answer>): Promise<Answer> {
    const instant = this.instantOf(query);
    if (instant !== undefined) return compute((await this.asOf.at(instant)).store);
    const minPosition = await this.freshness.reached(query.minPosition, question.reads);
    return this.cache.answer({ ...question, minPosition }, () => compute(this.live));
  }

  /** The store to read without the view cache (a single document): live once fresh, or as of the instant. */
  async store(query: ViewSourceQuery, reads: readonly string[]): Promise<ReadStore> {
    const instant = this.instantOf(query);
    if (instant !== undefined) return (await this.asOf.at(instant)).store;
    await this.freshness.reached(query.minPosition, reads);
    return this.live;
  }
}
