import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError, budgetWarnings } from '#domain';
import { FundPolicySource } from '#ledger';
import { PUBLICLY_LISTED_STATUSES, type ReadStore } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { READ_STORE } from '../../storage/tokens.js';
import { FreshnessQuery, ViewFreshness } from '../view-freshness.js';
import { PageParams } from './page-params.js';
import { PortfolioFilters, portfolioFilter } from './portfolio-filters.js';
import { audienceOf, projectView } from './project-views.js';

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
    @Inject(READ_STORE) private readonly views: ReadStore,
    private readonly freshness: ViewFreshness,
    private readonly policies: FundPolicySource,
  ) {}

  @Get()
  @ReadableBy(...EVERYONE)
  @ApiOperation({ summary: 'The portfolio: filter, search in any language, sort, page' })
  async list(@Query() query: PortfolioQuery, @Req() request: AuthenticatedRequest) {
    await this.freshness.reached(query.minPosition, ['portfolio']);
    const audience = audienceOf(request);
    const page = await this.views.find('portfolio', 'projects', {
      ...portfolioFilter(query, audience),
      sortBy: SORTS[query.sort ?? 'projectId'],
      direction: query.direction ?? 'asc',
      limit: query.limit ?? 50,
      ...(query.cursor ? { after: query.cursor } : {}),
    });
    return { items: page.items.map((doc) => projectView(doc, audience)), nextCursor: page.nextCursor ?? null };
  }

  @Get(':projectId')
  @ReadableBy(...EVERYONE)
  @ApiOperation({ summary: 'The project card: the record, money flows, IATI status, warnings' })
  async card(@Param('projectId') projectId: string, @Query() query: FreshnessQuery, @Req() request: AuthenticatedRequest) {
    await this.freshness.reached(query.minPosition, ['portfolio']);
    const doc = await this.views.get('portfolio', 'projects', projectId);
    const audience = audienceOf(request);
    const listed = (PUBLICLY_LISTED_STATUSES as readonly unknown[]).includes(doc?.status);
    if (!doc || (audience === 'public' && !listed)) throw new DomainError('project.not-found', `there is no project ${projectId}`, 'not-found');
    const warnings = budgetWarnings({ budgetTotal: doc.budget as number, coverage: doc.coverage as 'national' }, await this.policies.current());
    return { ...projectView(doc, audience), ...(audience === 'staff' ? { warnings } : {}) };
  }
}
