import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { READ_STORE_MIGRATIONS, SqlReadStore, type DocumentQuery } from '#read-models';
import { migrate, PgliteClient } from '#sql';
import { portfolioCsv } from '../apps/api/src/views/exports/portfolio-csv.js';
import { portfolioQueryOf, type PortfolioQuery } from '../apps/api/src/views/portfolio/portfolio.controller.js';
import { csvObjects } from './support/csv.js';
import { generatedPortfolioDocuments, inBatches } from './support/generated-portfolio.js';
import { centsOf } from './support/view-queries.js';

/**
 * The portfolio CSV over a real read store (PGlite) holding a generated portfolio of a few
 * thousand projects — too many to build through the API in a test: the export reads it page
 * by page through the store's cursor, in the order asked for, one page ahead of the reader at
 * most (memory: test/exports.measure.ts and README, "For auditors").
 */

describe('the portfolio CSV at scale', () => {
  it('walks 2,000 generated projects page by page, asking for the next page only when the last is taken', async () => {
    const generated = generatedPortfolioDocuments({ projects: 2000, seed: 18 });
    const client = await PgliteClient.open(undefined);
    try {
      await migrate(client, EVENT_STORE_MIGRATIONS);
      await migrate(client, READ_STORE_MIGRATIONS);
      const store = new SqlReadStore(client);
      let commit = 0n;
      for (const batch of inBatches(generated.documents)) await store.commit('portfolio', 1, batch, { commit: (commit += 1n), prepare: 0n });
      const asked: DocumentQuery[] = [];
      const pages = (query: DocumentQuery) => {
        asked.push(query);
        return store.find('portfolio', 'projects', query);
      };
      const query = portfolioQueryOf({ sort: 'budget', direction: 'desc' } as PortfolioQuery, 'staff');
      const chunks = portfolioCsv(pages, query, 'staff');

      const taken: string[] = [];
      const take = async () => {
        const next = await chunks.next();
        if (!next.done) taken.push(next.value);
      };
      await take();
      expect(taken[0]).toMatch(/^\uFEFFprojectId,primaId,title,/);
      expect(asked).toHaveLength(0);
      await take();
      expect(asked).toHaveLength(1);
      await take();
      expect(asked).toHaveLength(2);
      for await (const chunk of chunks) taken.push(chunk);
      expect(asked.every((page) => page.limit === 500 && page.sortBy === 'budget' && page.direction === 'desc')).toBe(true);
      expect(asked.length).toBeGreaterThanOrEqual(Math.ceil(generated.documents.size / 500));

      const { rows } = csvObjects(taken.join('').slice(1));
      expect(rows).toHaveLength(generated.documents.size);
      expect(new Set(rows.map((row) => row.projectId))).toEqual(new Set(generated.documents.keys()));
      const budgets = rows.map((row) => centsOf(row.budget));
      expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
    } finally {
      await client.close();
    }
  }, 300_000);
});
