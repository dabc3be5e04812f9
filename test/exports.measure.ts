import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { READ_STORE_MIGRATIONS, SqlReadStore, type DocumentChange, type DocumentQuery } from '#read-models';
import { migrate, PgliteClient } from '#sql';
import { portfolioCsv } from '../apps/api/src/views/exports/portfolio-csv.js';
import { portfolioQueryOf, type PortfolioQuery } from '../apps/api/src/views/portfolio/portfolio.controller.js';
import { generatedPortfolioDocuments } from './support/generated-portfolio.js';

/**
 * Memory of the portfolio CSV export: the JavaScript heap while the whole list streams into a
 * slow sink, at a small and a large portfolio (EXPORT_PROJECTS, default 2,000 and 20,000:
 * copies of 2,000 generated projects under new ids, so that the store is filled in minutes).
 * Constant memory means the heap the export holds (measured after a collection, every tenth
 * chunk) does not grow with the number of projects. Run with
 * `node --expose-gc --experimental-vm-modules node_modules/jest/bin/jest.js --config test/measure.jest.config.js test/exports.measure.ts`.
 */
const SIZES = (process.env.EXPORT_PROJECTS ?? '2000,20000').split(',').map(Number);

test('heap during a portfolio CSV export', async () => {
  const generated = [...generatedPortfolioDocuments({ projects: 2000, seed: 18 }).documents.values()];
  const lines: string[] = [];
  for (const size of SIZES) {
    const client = await PgliteClient.open(undefined);
    try {
      await migrate(client, EVENT_STORE_MIGRATIONS);
      await migrate(client, READ_STORE_MIGRATIONS);
      const store = new SqlReadStore(client);
      for (let from = 0, commit = 1n; from < size; from += 500, commit += 1n) {
        const batch: DocumentChange[] = [];
        for (let index = from; index < Math.min(size, from + 500); index += 1) {
          const doc = generated[index % generated.length]!;
          const projectId = `X${String(index).padStart(6, '0')}`;
          batch.push({ ref: { collection: 'projects', key: projectId }, doc: { ...doc, projectId } });
        }
        await store.commit('portfolio', 1, batch, { commit, prepare: 0n });
      }
      globalThis.gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      let retained = before;
      let bytes = 0;
      let chunks = 0;
      const query = portfolioQueryOf({ sort: 'budget', direction: 'desc' } as PortfolioQuery, 'staff');
      const pages = (page: DocumentQuery) => store.find('portfolio', 'projects', page);
      // A sink that takes a chunk per tick, as a slow client would: backpressure holds the export.
      const sink = new Writable({
        highWaterMark: 64 * 1024,
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          peak = Math.max(peak, process.memoryUsage().heapUsed);
          // What the export holds on to (garbage collected first), every tenth chunk.
          if ((chunks += 1) % 10 === 0 && globalThis.gc) {
            globalThis.gc();
            retained = Math.max(retained, process.memoryUsage().heapUsed);
          }
          setImmediate(done);
        },
      });
      const started = performance.now();
      await pipeline(Readable.from(portfolioCsv(pages, query, 'staff'), { objectMode: false, highWaterMark: 64 * 1024 }), sink);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      lines.push(`${size} projects: ${Math.round(bytes / 1e6)} MB of CSV in ${seconds} s; heap at most ${Math.round((retained - before) / 1e6)} MB above the ${Math.round(before / 1e6)} MB before when collected (peak with garbage ${Math.round((peak - before) / 1e6)} MB)`);
    } finally {
      await client.close();
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});
