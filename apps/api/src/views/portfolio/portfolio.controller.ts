import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError, budgetWarnings } from '#domain';
import { FundPolicySource } from '#ledger';
import { PUBLICLY_LISTED_STATUSES, type DocumentQuery } from '#read-models';
import type { Response } from 'express';
import { ReadableBy } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { JsonReply } from '../json-reply.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { PageParams } from './page-params.js';
import { PortfolioFilters, portfolioFilter } from './portfolio-filters.js';
import { audienceOf, projectView } from './project-views.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { PortfolioPage, ProjectCardResponse } from './portfolio.response.js';

/** Public sort names → document fields. */
const SORTS = {
  projectId: 'projectId',
  primaId: 'primaId',
  year: 'year',
  status: 'status',
  region: 'region',
  type: 'thematicArea',
  line: 'fundingLine',
  coverage: 'coverage',
  budget: 'budget',
  committed: 'committed',
  disbursed: 'disbursed',
  spent: 'spent',
  plannedStartDate: 'plannedStartDate',
  plannedEndDate: 'plannedEndDate',
  updatedAt: 'lastEventAt',
} as const;

class PortfolioQuery extends IntersectionType(PortfolioFilters, PageParams) {
  @ApiPropertyOptional({ enum: Object.keys(SORTS), default: 'projectId' })
  @IsOptional()
  @IsIn(Object.keys(SORTS))
  sort?: keyof typeof SORTS;
}

const EVERYONE = ['fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor'] as const;

/** The portfolio list and the project card, projected from the events. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('portfolio')
export class PortfolioController {

  constructor(
    private readonly source: ViewSource,
    private readonly policies: FundPolicySource,
  ) {}

  @Get()
  @ReadableBy(...EVERYONE)
  @ApiOperation({ summary: 'The portfolio: filter, search in any language, sort, page', description: "Everyone with a token; donors see public fields of projects the fund has committed money to. Weak ETag; gzipped on Accept-Encoding: gzip. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: PortfolioPage, description: 'A page of projects' })
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query')
  async list(@Query() query: PortfolioQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const audience = audienceOf(request);
    const pageQuery: DocumentQuery = {
      ...portfolioFilter(query, audience),
      sortBy: SORTS[query.sort ?? 'projectId'],
      direction: query.direction ?? 'asc',
      limit: query.limit ?? 50,
      ...(query.cursor ? { after: query.cursor } : {}),
    };
    // The page as sent (money formatted, internals dropped for donors, serialised) is kept,
    // so that a page asked again costs neither the query nor the formatting.
    const question = { key: viewQuestionKey('portfolio-page', audience, { ...pageQuery }), reads: ['portfolio'] };
    const reply = await this.source.answer(query, question, async (views) => {
      const page = await views.find('portfolio', 'projects', pageQuery);
      return JsonReply.of({ items: page.items.map((doc) => projectView(doc, audience)), nextCursor: page.nextCursor ?? null });
    });
    reply.send(response);
  }

  @Get(':projectId')
  @ReadableBy(...EVERYONE)
  @ApiOperation({ summary: 'The project card: the record, money flows, IATI status, warnings', description: "Everyone with a token; to a donor, a project not publicly listed does not exist. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: ProjectCardResponse, description: 'The card' })
  @ProblemResponses(VIEW_QUERY, 'project.not-found')
  async card(@Param('projectId') projectId: string, @Query() query: FreshnessQuery, @Req() request: AuthenticatedRequest) {
    const views = await this.source.store(query, ['portfolio']);
    const doc = await views.get('portfolio', 'projects', projectId);
    const audience = audienceOf(request);
    const listed = (PUBLICLY_LISTED_STATUSES as readonly unknown[]).includes(doc?.status);
    if (!doc || (audience === 'public' && !listed)) throw new DomainError('project.not-found', `there is no project ${projectId}`, 'not-found');
    const warnings = budgetWarnings({ budgetTotal: doc.budget as number, coverage: doc.coverage as 'national' }, await this.policies.current());
    return { ...projectView(doc, audience), ...(audience === 'staff' ? { warnings } : {}) };
  }
}
