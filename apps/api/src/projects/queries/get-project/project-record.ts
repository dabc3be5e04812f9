import { displayedShares, formatUsd, iatiActivityStatus, unspentBalance, type BudgetWarning, type Project } from '#domain';

/**
 * A project as the API shows it: the domain state with money as decimal strings of USD
 * and shares as percent strings (DESIGN.md: integers inside, decimal strings at the edge).
 */
export function toProjectRecord(project: Project, warnings: readonly BudgetWarning[]) {
  const { budget, budgetTotal, committed, disbursed, spent, refunded, transactions, beneficiaryStates, pendingBudgetRevision, ...rest } = project;
  return {
    ...rest,
    iatiActivityStatus: iatiActivityStatus(project.status),
    beneficiaryStates: beneficiaryStates.map((state, index, all) => ({ code: state.code, share: displayedShares(all.map(({ share }) => share))[index]! })),
    budget: {
      total: formatUsd(budgetTotal),
      staffAndOfficeCosts: formatUsd(budget.staffAndOfficeCosts),
      operationalCosts: formatUsd(budget.operationalCosts),
    },
    money: {
      committed: formatUsd(committed),
      disbursed: formatUsd(disbursed),
      spent: formatUsd(spent),
      undisbursed: formatUsd(committed - disbursed),
      refunded: formatUsd(refunded ?? 0),
      unspentBalance: formatUsd(unspentBalance(project)),
    },
    transactions: Object.entries(transactions).map(([transactionId, transaction]) => ({
      transactionId,
      ...transaction,
      amount: formatUsd(transaction.amount),
    })),
    ...(pendingBudgetRevision === undefined
      ? {}
      : {
          pendingBudgetRevision: {
            ...pendingBudgetRevision,
            budget: {
              total: formatUsd(pendingBudgetRevision.budgetTotal),
              staffAndOfficeCosts: formatUsd(pendingBudgetRevision.budget.staffAndOfficeCosts),
              operationalCosts: formatUsd(pendingBudgetRevision.budget.operationalCosts),
            },
            budgetTotal: undefined,
          },
        }),
    warnings,
  };
}
