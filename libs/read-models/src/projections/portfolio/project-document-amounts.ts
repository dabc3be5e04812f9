import { PROJECT_STATE_AMOUNTS, type AmountSchema } from '#domain';
import type { ProjectDocument } from './project-document.js';

const FLOWS = { budget: 'usd', committed: 'usd', disbursed: 'usd', spent: 'usd', refunded: 'usd', unspentBalance: 'usd' } as const;

/**
 * Which fields of a portfolio document are money (cents, written as USD decimal strings
 * when answered) and which numbers stay numbers. Its internals reuse the project state's
 * schema: they are that state's parts. Shares are already percent strings in the document.
 * `_state` and `searchText` are never answered and so not described.
 */
export const PROJECT_DOCUMENT_AMOUNTS = {
  fields: {
    ...FLOWS,
    year: 'number',
    fundingLine: 'number',
    revision: 'number',
    iatiActivityStatus: 'number',
    staffAndOfficeCosts: 'usd',
    operationalCosts: 'usd',
    splits: { items: { fields: FLOWS } },
    transactionsPublic: { items: { fields: { amount: 'usd' } } },
    internal: {
      fields: {
        transactions: PROJECT_STATE_AMOUNTS.fields.transactions,
        pendingBudgetRevision: PROJECT_STATE_AMOUNTS.fields.pendingBudgetRevision,
      },
    },
  } satisfies Partial<Record<keyof ProjectDocument, AmountSchema>>,
} as const satisfies AmountSchema;
