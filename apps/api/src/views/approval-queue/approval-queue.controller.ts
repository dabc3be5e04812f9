import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandRefusal, formatUsd, type Caller } from '#domain';
import { APPROVAL_QUEUE, WAITING_ITEMS, type DocumentQuery, type WaitingItemDocument } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import { roleRefusal, type AuthenticatedRequest } from '../../auth/auth.guard.js';
import { CommandLinks } from '../../http/command-links.js';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { viewQuestionKey } from '../view-cache.js';
import { ViewSource } from '../view-source.js';
import { ApprovalQueuePage, type ApprovalQueueItemResponse } from './approval-queue.response.js';
import { ApprovalQueueQuery } from './approval-queue.query.js';

/**
 * Everything that waits for an approver, oldest first, with how long each has waited and
 * whether the caller may decide it.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('approval-queue')
export class ApprovalQueueController {
  constructor(
    private readonly source: ViewSource,
    private readonly links: CommandLinks,
  ) {}

  @Get()
  @ReadableBy('approver', 'fund-manager', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Everything waiting for an approver, oldest first: proposals to endorse or approve, retained projects, budget revisions, extensions, reports to accept',
    description:
      "Approvers, fund managers, auditors, admins. One item per thing waiting, with who prepared it, since when it waits and whether the caller may decide it (`mayAct`); if not, `refusal` is what the command would answer (`auth.role-not-allowed`, `approval.four-eyes`). Filter with kind=budget-revision,extension. Projected from the events; pass a command's position as minPosition to read your writes.",
  })
  @ApiOkResponse({ type: ApprovalQueuePage, description: 'A page of the queue' })
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query')
  async queue(@Req() request: AuthenticatedRequest, @Query() query: ApprovalQueueQuery): Promise<ApprovalQueuePage> {
    const kinds = [...new Set(query.kind ?? [])].sort();
    const pageQuery: DocumentQuery = {
      fields: kinds.length > 0 ? [{ field: 'kind', op: 'in', value: kinds }] : [],
      sortBy: 'waitingSince',
      direction: query.direction ?? 'asc',
      limit: query.limit ?? 50,
      ...(query.cursor ? { after: query.cursor } : {}),
    };
    // The documents are kept, not the answer: how long each has waited depends on the clock,
    // whether the caller may act on who asks.
    const page = await this.source.answer(
      query,
      { key: viewQuestionKey(APPROVAL_QUEUE, null, { ...pageQuery }), reads: [APPROVAL_QUEUE] },
      (views) => views.find(APPROVAL_QUEUE, WAITING_ITEMS, pageQuery),
    );
    const caller: Caller = { id: request.principal.subject, roles: request.principal.roles };
    // As of an instant, each item has waited until that instant.
    const asOf = this.source.instantOf(query);
    const now = asOf === undefined ? Date.now() : Date.parse(asOf);
    return {
      items: page.items.map((doc) => this.itemOf(doc as WaitingItemDocument, caller, now)),
      nextCursor: page.nextCursor ?? null,
    };
  }

  private itemOf(doc: WaitingItemDocument, caller: Caller, now: number): ApprovalQueueItemResponse {
    const waitingMs = Math.max(0, now - Date.parse(doc.waitingSince));
    const refusal = commandRefusal(doc.decision, caller, { status: doc.status, participants: doc.participants });
    const params: Record<string, string> = { projectId: doc.projectId };
    if (doc.requestId !== undefined) params['requestId'] = doc.requestId;
    if (doc.reportId !== undefined) params['reportId'] = doc.reportId;
    return {
      projectId: doc.projectId,
      title: doc.title,
      status: doc.status,
      kind: doc.kind,
      awaiting: doc.awaiting,
      waitingSince: doc.waitingSince,
      waitingDays: Math.floor(waitingMs / 86_400_000),
      waitingSeconds: Math.floor(waitingMs / 1000),
      budget: formatUsd(doc.budget),
      year: doc.year,
      fundingLine: doc.fundingLine,
      region: doc.region,
      coverage: doc.coverage,
      ...optional('requestId', doc.requestId),
      ...optional('reportId', doc.reportId),
      ...optional('reportKind', doc.reportKind),
      ...(doc.requestedBudget === undefined
        ? {}
        : {
            requestedBudget: {
              total: formatUsd(doc.requestedBudget.total),
              staffAndOfficeCosts: formatUsd(doc.requestedBudget.staffAndOfficeCosts),
              operationalCosts: formatUsd(doc.requestedBudget.operationalCosts),
            },
          }),
      ...optional('currentEndDate', doc.currentEndDate),
      ...optional('newEndDate', doc.newEndDate),
      ...optional('reason', doc.reason),
      ...optional('draftedBy', doc.draftedBy),
      ...optional('submittedBy', doc.submittedBy),
      ...optional('endorsedBy', doc.endorsedBy),
      ...optional('requestedBy', doc.requestedBy),
      decision: this.links.linkTo(doc.decision, params),
      mayAct: refusal === undefined,
      ...(refusal === undefined
        ? {}
        : {
            refusal:
              refusal.reason === 'role'
                ? roleRefusal(refusal.allowedRoles, caller.roles)
                : { code: refusal.error.code, detail: refusal.error.detail },
          }),
    };
  }
}

function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}
