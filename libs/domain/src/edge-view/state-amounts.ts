import type { AmountSchema } from './amount-schema.js';
import { BUDGET_AMOUNTS, IMPORTED_AMOUNTS, PROPOSAL_AMOUNTS } from './event-amounts.js';

/**
 * Which fields of each folded state are money and shares: what the audit trail's before →
 * after show, and what views built from a state reuse.
 */
export const PROJECT_STATE_AMOUNTS = {
  fields: {
    ...PROPOSAL_AMOUNTS.fields,
    committed: 'usd',
    disbursed: 'usd',
    spent: 'usd',
    refunded: 'usd',
    transactions: { entries: { fields: { amount: 'usd' } } },
    pendingBudgetRevision: { fields: { budget: BUDGET_AMOUNTS, budgetTotal: 'usd' } },
    imported: { fields: { source: { fields: { line: 'number' } }, fields: IMPORTED_AMOUNTS } },
  },
} as const satisfies AmountSchema;

export const ENVELOPE_STATE_AMOUNTS = {
  fields: { year: 'number', fundingLine: 'number', amount: 'usd', reserved: 'usd', reservedByProject: { entries: 'usd' } },
} as const satisfies AmountSchema;

export const CONTRIBUTION_STATE_AMOUNTS = {
  fields: { year: 'number', fundingLine: 'number', pledged: 'usd', received: 'usd' },
} as const satisfies AmountSchema;

export const CODE_LIST_STATE_AMOUNTS = { fields: {} } as const satisfies AmountSchema;
