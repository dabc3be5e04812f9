import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DomainError, budgetWarnings } from '#domain';
import { FundPolicySource } from '#ledger';
import { PUBLICLY_LISTED_STATUSES, type DocumentQuery } from '#read-models';
import type { Response } from 'express';
import { OpenToVisitors, ReadableBy } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { JsonReply } from '../json-reply.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { PageParams } from './page-params.js';
import { PortfolioFilters, portfolioFilter } from './portfolio-filters.js';
import { audienceOf, projectView, type Audience } from './project-views.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { PortfolioPage, ProjectCardResponse } from './portfolio.response.js';
import { attachmentOf, downloadInstant, portfolioFiltersNamed } from '../exports/export-filename.js';
import { CSV_TYPE, CsvFormatQuery, refusePaging, wantsDownload } from '../exports/export-format.js';
import { portfolioCsv } from '../exports/portfolio-csv.js';
import { sendDownload } from '../exports/streamed-download.js';

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

export class PortfolioQuery extends IntersectionType(PortfolioFilters, PageParams, CsvFormatQuery) {
  @ApiPropertyOptional({ enum: Object.keys(SORTS), default: 'projectId' })
  @IsOptional()
  @IsIn(Object.keys(SORTS))
  sort?: keyof typeof SORTS;
}

/** Who reads the portfolio views (and the IATI file published from them). */
export const EVERYONE = ['fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor'] as const;

/**
 * The read-store query of a portfolio request: its filters (and the public's restriction),
 * sort and page. The one place the JSON list and its CSV download get their query from.
 */
export function portfolioQueryOf(query: PortfolioQuery, audience: Audience): DocumentQuery {
  return {
    ...portfolioFilter(query, audience),
    sortBy: SORTS[query.sort ?? 'projectId'],
    direction: query.direction ?? 'asc',
    limit: query.limit ?? 50,
    ...(query.cursor ? { after: query.cursor } : {}),
  };
}

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
  @OpenToVisitors()
  @ApiOperation({ summary: 'The portfolio: filter, search in any language, sort, page', description: "Everyone with a token; donors see public fields of projects the fund has committed money to. Weak ETag; gzipped on Accept-Encoding: gzip. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: PortfolioPage, description: 'A page of projects; with format=csv (or Accept: text/csv) the whole filtered list as a CSV download' })
  @ApiProduces('application/json', 'text/csv')
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query', 'export.whole-list-only')
  async list(@Query() query: PortfolioQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const csv = wantsDownload(request, query.format, 'csv');
    if (csv) refusePaging(query);
    const audience = audienceOf(request);
    const pageQuery = portfolioQueryOf(query, audience);
    if (csv) {
      // The same query, every page of it: the CSV is this list, not a second one.
      const disposition = attachmentOf({ what: 'portfolio', filters: portfolioFiltersNamed(query), asOf: downloadInstant(query), extension: 'csv' });
      // Live once fresh, or as of the instant asked for: the same views the JSON reads.
      const views = await this.source.store(query, ['portfolio']);
      const pages = (page: DocumentQuery) => views.find('portfolio', 'projects', page);
      return sendDownload(response, { contentType: CSV_TYPE, disposition, body: portfolioCsv(pages, pageQuery, audience) });
    }
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
  @OpenToVisitors()
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
