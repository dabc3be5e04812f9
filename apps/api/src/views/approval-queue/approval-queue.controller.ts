import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, IntersectionType } from '@nestjs/swagger';
import { formatUsd } from '#domain';
import { ViewCache, type DocumentQuery, type ReadStore } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import { READ_STORE } from '../../storage/tokens.js';
import { PageParams } from '../portfolio/page-params.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery, ViewFreshness } from '../view-freshness.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { ApprovalQueuePage } from './approval-queue.response.js';

class ApprovalQueueQuery extends IntersectionType(FreshnessQuery, PageParams) {}

/** What waits for endorsement or approval, oldest first, with how long each has waited. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('approval-queue')
export class ApprovalQueueController {

  constructor(
    @Inject(READ_STORE) private readonly views: ReadStore,
    private readonly freshness: ViewFreshness,
    private readonly cache: ViewCache,
  ) {}

  @Get()
  @ReadableBy('approver', 'fund-manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'Projects awaiting endorsement or approval, oldest first', description: "Approvers, fund managers, auditors, admins. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: ApprovalQueuePage, description: 'A page of the queue' })
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query')
  async queue(@Query() query: ApprovalQueueQuery) {
    const minPosition = await this.freshness.reached(query.minPosition, ['portfolio']);
    const pageQuery: DocumentQuery = {
      fields: [{ field: 'awaiting', op: 'in', value: ['endorsement', 'approval'] }],
      sortBy: 'awaitingSince',
      direction: query.direction ?? 'asc',
      limit: query.limit ?? 50,
      ...(query.cursor ? { after: query.cursor } : {}),
    };
    // The documents are kept, not the answer: how long each has waited depends on the clock.
    const page = await this.cache.answer({ key: viewQuestionKey('approval-queue', null, { ...pageQuery }), reads: ['portfolio'], minPosition }, () =>
      this.views.find('portfolio', 'projects', pageQuery),
    );
    const now = Date.now();
    return {
      items: page.items.map((doc) => {
        const since = String(doc.awaitingSince);
        const waitingMs = Math.max(0, now - Date.parse(since));
        return {
          projectId: doc.projectId,
          title: doc.title,
          status: doc.status,
          awaiting: doc.awaiting,
          waitingSince: since,
          waitingDays: Math.floor(waitingMs / 86_400_000),
          waitingSeconds: Math.floor(waitingMs / 1000),
          budget: formatUsd(doc.budget as number),
          year: doc.year,
          fundingLine: doc.fundingLine,
          region: doc.region,
          coverage: doc.coverage,
        };
      }),
      nextCursor: page.nextCursor ?? null,
    };
  }
}
