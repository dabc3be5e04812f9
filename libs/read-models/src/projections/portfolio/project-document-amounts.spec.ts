import { atTheEdge, cents, unclassifiedNumbers } from '#domain';
import { people, ProjectStory, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { asStoredInJsonb, documentAfter } from '../testing/views.js';
import { portfolioProjection, PROJECTS } from './portfolio-projection.js';
import { PROJECT_DOCUMENT_AMOUNTS } from './project-document-amounts.js';
import type { ProjectDocument } from './project-document.js';
import { publicProjectCard } from './public-project-card.js';

/** A regional project with every kind of money in its document: flows, a correction, a pending revision. */
function documentOfABusyProject(): Omit<ProjectDocument, '_state' | 'searchText'> {
  const feed = new TestFeed();
  const story = new ProjectStory(feed).active(
    {
      coverage: 'regional',
      beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }, { code: 'TJ' }],
      budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(120_000) },
    },
    ['KG', 'KZ', 'TJ'],
  );
  story.disburse('d-1', 2_000_000).spend('e-1', 1_250_050);
  story.send('CorrectTransaction', { transactionId: 'd-1', correctedAmount: cents(1_950_025) }, { by: people.finance, reason: 'Bank fee deducted' });
  story.send('RequestBudgetRevision', { requestId: 'rev-1', budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(125_000) } }, { reason: 'Two more sessions' });
  const { _state, searchText, ...answered } = asStoredInJsonb(documentAfter<ProjectDocument>(portfolioProjection, PROJECTS, 'PO.0143', feed.events));
  return answered;
}

describe('money of the portfolio document at the edge', () => {
  const doc = documentOfABusyProject();

  it('classifies every number a document holds, internals included', () => {
    expect(doc.internal.pendingBudgetRevision).toBeDefined();
    expect(unclassifiedNumbers(doc, PROJECT_DOCUMENT_AMOUNTS)).toEqual([]);
  });

  it("writes the internals' transactions and pending budget revision in USD, as the card's own money", () => {
    const shown = atTheEdge(doc, PROJECT_DOCUMENT_AMOUNTS) as Record<string, any>;

    expect(shown).toMatchObject({ budget: '150000.00', disbursed: '19500.25', spent: '12500.50' });
    expect(shown['internal'].transactions).toEqual({
      'd-1': expect.objectContaining({ kind: 'disbursement', amount: '19500.25' }),
      'e-1': expect.objectContaining({ kind: 'expenditure', amount: '12500.50' }),
    });
    expect(shown['internal'].pendingBudgetRevision).toMatchObject({
      requestId: 'rev-1',
      budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '125000.00' },
      budgetTotal: '155000.00',
    });
    // No share given: an exact third of each amount, the remainder cent to the first state.
    expect(shown['splits'][0]).toEqual({
      state: 'KG',
      budget: '50000.00',
      committed: '50000.00',
      disbursed: '6500.09',
      spent: '4166.84',
      refunded: '0.00',
      unspentBalance: '2333.25',
    });
    expect(shown['beneficiaryStates']).toEqual([
      { code: 'KG', share: '33.33' },
      { code: 'KZ', share: '33.33' },
      { code: 'TJ', share: '33.33' },
    ]);
  });

  it("leaves the donor's card no money as a number: only years, lines, IATI codes and the revision", () => {
    const card = atTheEdge(publicProjectCard(doc), PROJECT_DOCUMENT_AMOUNTS) as Record<string, unknown>;
    const numbers = Object.entries(card).filter(([, value]) => typeof value === 'number').map(([key]) => key);
    expect(numbers.sort()).toEqual(['fundingLine', 'iatiActivityStatus', 'revision', 'year']);
    expect(JSON.stringify(card['splits'])).not.toMatch(/:\d/);
    expect(JSON.stringify(card['transactionsPublic'])).not.toMatch(/:\d/);
  });
});
