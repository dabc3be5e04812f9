import { EVENT_STORE_MIGRATIONS } from '#event-store';
import {
  InProcessViewVersions,
  READ_STORE_MIGRATIONS,
  SqlReadStore,
  StoredViewVersions,
  ViewCache,
  type AggregateQuery,
  type DocumentQuery,
  type ReadStore,
} from '#read-models';
import { migrate, PgClient, PgliteClient, type SqlClient } from '#sql';
import { createTemporaryDatabase, type TemporaryDatabase } from '#sql/testing';
import { generatedPortfolioDocuments, inBatches } from './support/generated-portfolio.js';

/**
 * Not a test: timings of the view queries the benchmark asks (the portfolio page's six
 * variants, the funding summary's six groupings), straight on the read store, at a scale
 * set by the environment. Run it on purpose:
 *
 *   MEASURE_PROJECTS=2000 MEASURE_STORE=embedded|postgres \
 *   node --experimental-vm-modules node_modules/jest/bin/jest.js --config test/measure.jest.config.js
 *
 * Prints, per query: the first (cold) time and the median and worst of the next runs,
 * straight on the store and through the ViewCache (versions read from the store, as on the
 * postgres profile, and from the in-process projector, as on the embedded one); then 32
 * requests at once per query, uncached and cached (the cache computes each question once);
 * with MEASURE_EXPLAIN=1 the plans.
 */

const PROJECTS = Number(process.env['MEASURE_PROJECTS'] ?? 2000);
const STORE = process.env['MEASURE_STORE'] ?? 'embedded';
const RUNS = Number(process.env['MEASURE_RUNS'] ?? 10);
const EXPLAIN = process.env['MEASURE_EXPLAIN'] === '1';
/** Migrate only up to this read-store version (to measure the schema as it was). */
const SCHEMA = Number(process.env['MEASURE_SCHEMA'] ?? Number.MAX_SAFE_INTEGER);

const year = new Date().getUTCFullYear();
const page = (query: Partial<DocumentQuery>): DocumentQuery => ({ sortBy: 'projectId', direction: 'asc', limit: 50, fields: [], ...query });
export const PAGES: Record<string, DocumentQuery> = {
  'first page': page({}),
  'sorted by budget': page({ sortBy: 'budget', direction: 'desc' }),
  'status=active': page({ fields: [{ field: 'status', op: 'eq', value: 'active' }] }),
  'region=africa': page({ fields: [{ field: 'region', op: 'eq', value: 'africa' }] }),
  [`line=2&year=${year}`]: page({
    fields: [
      { field: 'fundingLine', op: 'eq', value: 2 },
      { field: 'year', op: 'eq', value: year },
    ],
  }),
  'q=migration': page({ text: 'migration' }),
};
const MONEY = ['budget', 'committed', 'disbursed', 'spent'];
export const SUMMARIES: Record<string, AggregateQuery> = {
  'groupBy=region': { fields: [], groupBy: 'region', sum: MONEY },
  'groupBy=state': { fields: [], groupBy: 'state', unwind: 'splits', sum: MONEY },
  'groupBy=type': { fields: [], groupBy: 'thematicArea', sum: MONEY },
  'groupBy=year': { fields: [], groupBy: 'year', sum: MONEY },
  'groupBy=line': { fields: [], groupBy: 'fundingLine', sum: MONEY },
  'groupBy=status': { fields: [], groupBy: 'status', sum: MONEY },
};

async function open(): Promise<{ client: SqlClient; database?: TemporaryDatabase }> {
  if (STORE === 'postgres') {
    const database = await createTemporaryDatabase();
    return { client: await PgClient.connect(database.url, { max: 4 }), database };
  }
  return { client: await PgliteClient.open(undefined) };
}

async function timed(run: () => Promise<unknown>): Promise<{ cold: number; median: number; worst: number }> {
  const times: number[] = [];
  for (let index = 0; index <= RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const [cold, ...warm] = times;
  warm.sort((a, b) => a - b);
  return { cold: round(cold!), median: round(warm[warm.length >> 1]!), worst: round(warm.at(-1)!) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

test(`view queries at ${PROJECTS} projects on ${STORE}`, async () => {
  const generated = generatedPortfolioDocuments({ projects: PROJECTS });
  const { client, database } = await open();
  try {
    await migrate(client, EVENT_STORE_MIGRATIONS);
    await migrate(client, READ_STORE_MIGRATIONS.filter((migration) => migration.version <= SCHEMA));
    const store = new SqlReadStore(client);
    let commit = 0n;
    for (const batch of inBatches(generated.documents)) {
      commit += 1n;
      await store.commit('portfolio', 1, batch, { commit, prepare: 0n });
    }
    await client.exec('ANALYZE read_documents');
    type Question = [label: string, ask: (views: ReadStore) => Promise<unknown>];
    const questions: Question[] = [
      ...Object.entries(PAGES).map(([label, query]): Question => [`page ${label}`, (views) => views.find('portfolio', 'projects', query)]),
      ...Object.entries(SUMMARIES).map(([label, query]): Question => [`summary ${label}`, (views) => views.aggregate('portfolio', 'projects', query)]),
    ];
    const stored = new ViewCache(new StoredViewVersions(store));
    const checkpoint = { commit, prepare: 0n };
    // What the projector in this process would report after its last commit.
    const runners = () => [
      { projection: 'portfolio', generation: 1, state: 'caught-up' as const, checkpoint: `${commit}-0`, eventsApplied: 0, failures: 0 },
    ];
    const inProcess = new ViewCache(new InProcessViewVersions(runners, new StoredViewVersions(store)));
    const cached = (cache: ViewCache, label: string, ask: (views: ReadStore) => Promise<unknown>) => () =>
      cache.answer({ key: label, reads: ['portfolio'], minPosition: checkpoint }, () => ask(store));
    const lines: string[] = [];
    for (const [label, ask] of questions) {
      const uncached = await timed(() => ask(store));
      const fromStore = await timed(cached(stored, label, ask));
      const fromProjector = await timed(cached(inProcess, label, ask));
      const burst = async (run: () => Promise<unknown>) => {
        const started = performance.now();
        await Promise.all(Array.from({ length: 32 }, run));
        return round(performance.now() - started);
      };
      inProcess.clear();
      const burstCached = await burst(cached(inProcess, label, ask));
      const burstUncached = await burst(() => ask(store));
      lines.push(
        `${label.padEnd(28)} store: cold ${uncached.cold}, median ${uncached.median}, worst ${uncached.worst}` +
          ` | cached, versions from the store: median ${fromStore.median}, worst ${fromStore.worst}` +
          ` | cached, in process: median ${fromProjector.median}, worst ${fromProjector.worst}` +
          ` | 32 at once: uncached ${burstUncached}, cached ${burstCached}`,
      );
    }
    console.log(`${STORE}, ${generated.documents.size} projects (${generated.events} events), ${RUNS} runs after the first, ms\n${lines.join('\n')}`);
    if (EXPLAIN) {
      const { findStatement, aggregateStatement } = await import('../libs/read-models/src/sql/document-queries.js');
      const plans: string[] = [];
      for (const [label, query] of Object.entries(PAGES)) {
        const { sql, params } = findStatement('portfolio', 'projects', query);
        plans.push(`--- page ${label}\n${await explain(client, sql, params)}`);
      }
      for (const [label, query] of Object.entries(SUMMARIES)) {
        const { sql, params } = aggregateStatement('portfolio', 'projects', query);
        plans.push(`--- summary ${label}\n${await explain(client, sql, params)}`);
      }
      console.log(plans.join('\n'));
    }
  } finally {
    await client.close();
    await database?.drop();
  }
});

async function explain(client: SqlClient, sql: string, params: unknown[]): Promise<string> {
  const rows = await client.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return rows.map((row) => Object.values(row)[0]).join('\n');
}
