import { businessDateOf } from '../../calendar/business-date.js';
import { subtractCents } from '../../shared/money.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ApproveBudgetRevision, RejectBudgetRevision, RequestBudgetRevision } from '../commands.js';
import type { BudgetRevisionApproved, BudgetRevisionRejected, BudgetRevisionRequested } from '../events.js';
import { totalOf } from '../proposal.js';
import { budgetShapeErrors } from '../rules/budget-shape.js';
import { assertWithinCeiling } from '../rules/ceiling.js';
import { assertBudgetCoversFlows } from '../rules/flows.js';
import { assertFourEyes, revisionRequester } from '../rules/four-eyes.js';
import { assertRequestInTime } from '../rules/request-deadline.js';
import { assertStaffCostsWithinLimit } from '../rules/staff-costs.js';
import type { PendingBudgetRevision, Project } from '../state.js';
import { actorOf, invalid, stampOf, stampWithReason } from './command-context.js';
import { assertNewRequest, pendingRequest } from './change-requests.js';

const KIND = 'budget revision';

/** Rule 10: in time, and a budget that rules 2, 3 and 9 would accept. */
export function requestBudgetRevision(command: RequestBudgetRevision, project: Project): BudgetRevisionRequested[] {
  const stamp = stampWithReason(command, 'requesting a budget revision');
  const { requestId, budget } = command.data;
  assertNewRequest(project, KIND, requestId);
  assertRequestInTime(businessDateOf(command.context), project.currentEndDate, KIND);
  const errors = budgetShapeErrors(budget);
  if (errors.length > 0) throw invalid('revision.invalid', errors);
  if (
    budget.staffAndOfficeCosts === project.budget.staffAndOfficeCosts &&
    budget.operationalCosts === project.budget.operationalCosts
  ) {
    throw new DomainError('revision.no-change', 'the revised budget is the current budget', 'invalid');
  }
  const budgetTotal = totalOf(budget);
  assertStaffCostsWithinLimit(budget);
  assertWithinCeiling(budgetTotal, project.fundingLine, project.coverage, command.policy);
  assertBudgetCoversFlows(project, budgetTotal);
  return [
    {
      type: 'BudgetRevisionRequested',
      data: {
        requestId,
        budget: { staffAndOfficeCosts: budget.staffAndOfficeCosts, operationalCosts: budget.operationalCosts },
        budgetTotal,
        requestedBy: actorOf(command),
        ...stamp,
      },
    },
  ];
}

/**
 * Takes effect now: the new budget becomes the committed amount. The ceiling is checked
 * again against today's policy, and the flows again because money may have moved since
 * the request. The envelope reserves a positive difference and releases a negative one.
 */
export function approveBudgetRevision(command: ApproveBudgetRevision, project: Project): BudgetRevisionApproved[] {
  const request = pendingRequest<PendingBudgetRevision>(project, KIND, command.data.requestId);
  assertFourEyes(actorOf(command), 'ApproveBudgetRevision', revisionRequester(request));
  assertWithinCeiling(request.budgetTotal, project.fundingLine, project.coverage, command.policy);
  assertBudgetCoversFlows(project, request.budgetTotal);
  return [
    {
      type: 'BudgetRevisionApproved',
      data: {
        requestId: request.requestId,
        approvedBy: actorOf(command),
        previousCommitted: project.committed,
        newCommitted: request.budgetTotal,
        difference: subtractCents(request.budgetTotal, project.committed),
        budget: request.budget,
        year: project.year,
        fundingLine: project.fundingLine,
        ...stampOf(command, 'approving a budget revision'),
      },
    },
  ];
}

export function rejectBudgetRevision(command: RejectBudgetRevision, project: Project): BudgetRevisionRejected[] {
  const stamp = stampWithReason(command, 'rejecting a budget revision');
  const request = pendingRequest<PendingBudgetRevision>(project, KIND, command.data.requestId);
  return [
    { type: 'BudgetRevisionRejected', data: { requestId: request.requestId, rejectedBy: actorOf(command), ...stamp } },
  ];
}
