import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { formatUsd } from '#domain';
import { deliveryRate, stateGroupOf, type AggregateQuery, type AggregateRow, type ReadStore } from '#read-models';
import type { Response } from 'express';
import { OpenToVisitors, ReadableBy } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { audienceOf } from '../portfolio/project-views.js';
import { PortfolioFilters, portfolioFilter } from '../portfolio/portfolio-filters.js';
import { JsonReply } from '../json-reply.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { DonorContributionsResponse, EnvelopeUsePage, FundingSummariesResponse, FundingSummaryResponse } from './funding.response.js';
import { attachmentOf, downloadInstant, portfolioFiltersNamed } from '../exports/export-filename.js';
import { CSV_TYPE, CsvFormatQuery, wantsDownload } from '../exports/export-format.js';
import { fundingSummaryCsv } from '../exports/funding-summary-csv.js';
import { sendDownload } from '../exports/streamed-download.js';
import type { Audience } from '../portfolio/project-views.js';
import { ListFilter } from '../list-filter.js';
import { ProblemError } from '../../http/problem.js';

/** Public group names → how to group the `projects` documents. */
const GROUPINGS = {
  region: { groupBy: 'region' },
  state: { groupBy: 'state', unwind: 'splits' },
  type: { groupBy: 'thematicArea' },
  year: { groupBy: 'year' },
  line: { groupBy: 'fundingLine' },
  status: { groupBy: 'status' },
} as const;

const MONEY = ['budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance'] as const;

class FundingQuery extends IntersectionType(PortfolioFilters, CsvFormatQuery) {
  @ApiProperty({ enum: Object.keys(GROUPINGS) })
  @IsIn(Object.keys(GROUPINGS))
  groupBy!: keyof typeof GROUPINGS;
}

type GroupingName = keyof typeof GROUPINGS;
const GROUPING_NAMES = Object.keys(GROUPINGS) as GroupingName[];

class FundingSummariesQuery extends PortfolioFilters {
  // Named like the one-grouping form's; required (checked in the handler: a list filter is optional).
  @ListFilter({ allowed: GROUPING_NAMES }, { enum: GROUPING_NAMES, example: 'region,state,type,year,line,status', description: 'The groupings, each answered as GET /funding/summary answers it' })
  groupBy?: GroupingName[];
}

const EVERYONE = ['fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor'] as const;

/**
 * Where the money went: budget, committed, disbursed, spent and delivery rate, grouped; the
 * groups always add up to the total to the cent (a regional project's money is split over
 * its states by their shares, and counted once in the total).
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('funding')
export class FundingController {

  constructor(
    private readonly source: ViewSource,
  ) {}

  @Get('summary')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiOperation({ summary: 'Money by region, beneficiary state, type, year, line or status', description: "Everyone with a token; donors' sums count publicly listed projects only. The groups add up to the total to the cent, in the order of their value (numbers ascending, names by code point, none last). By state, projects without a beneficiary state form the last group, `global` (\"Global (cross-regional)\"). Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: FundingSummaryResponse, description: 'The groups and the total; with format=csv (or Accept: text/csv) the same as a CSV download' })
  @ApiProduces('application/json', 'text/csv')
  @ProblemResponses(VIEW_QUERY)
  async summary(@Query() query: FundingQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const audience = audienceOf(request);
    if (wantsDownload(request, query.format, 'csv')) {
      // The very answer the JSON gives (live or as of the instant), written as rows.
      const summary = await summaryOf(await this.source.store(query, ['portfolio']), query, audience);
      const what = `funding-summary-by-${query.groupBy}`;
      const disposition = attachmentOf({ what, filters: portfolioFiltersNamed(query), asOf: downloadInstant(query), extension: 'csv' });
      return sendDownload(response, { contentType: CSV_TYPE, disposition, body: fundingSummaryCsv(summary) });
    }
    const sums = summaryQueryOf(query, audience);
    const question = { key: viewQuestionKey('funding-summary', audience, { ...sums, shownAs: query.groupBy }), reads: ['portfolio'] };
    const reply = await this.source.answer(query, question, async (views) => JsonReply.of(await summaryOf(views, query, audience)));
    reply.send(response);
  }

  @Get('summaries')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiOperation({ summary: 'Several groupings of the funding summary in one answer', description: "The summaries GET /funding/summary gives for each groupBy named (`groupBy=region,state,…`), in the order named, read from the same views: one request instead of several for a page that shows them all (the portal's overview). Same filters, audience and freshness; each summary's groups add up to the total to the cent." })
  @ApiOkResponse({ type: FundingSummariesResponse, description: 'One summary per grouping named' })
  @ProblemResponses(VIEW_QUERY)
  async summaries(@Query() query: FundingSummariesQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const groupings = query.groupBy;
    if (groupings === undefined || groupings.length === 0) {
      throw new ProblemError(400, 'request.invalid', `groupBy: name one grouping or several, comma-separated, of ${GROUPING_NAMES.join(', ')}`, [{ field: 'groupBy', message: 'required' }]);
    }
    const audience = audienceOf(request);
    const filters = portfolioFilter(query, audience);
    const question = { key: viewQuestionKey('funding-summaries', audience, { ...filters, sum: MONEY, shownAs: groupings.join(',') }), reads: ['portfolio'] };
    const reply = await this.source.answer(query, question, async (views) =>
      JsonReply.of({ summaries: await Promise.all(groupings.map((groupBy) => summaryOf(views, { ...query, groupBy }, audience))) }),
    );
    reply.send(response);
  }

  @Get('envelopes')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiOperation({ summary: 'Envelope use per (year, line): size, reserved, disbursed, remaining', description: "Everyone with a token. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: EnvelopeUsePage, description: 'Every envelope' })
  @ProblemResponses(VIEW_QUERY)
  async envelopes(@Query() query: FreshnessQuery, @Res() response: Response): Promise<void> {
    // Three queries (the envelopes, the projects' disbursements per line), kept as one answer.
    const question = { key: viewQuestionKey('funding-envelopes', null, {}), reads: ['envelopes', 'portfolio'] };
    const reply = await this.source.answer(query, question, async (views) => JsonReply.of(await envelopeUse(views)));
    reply.send(response);
  }

  @Get('contributions')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiOperation({ summary: 'Contributions per donor: pledged and received (only received counts toward totals)', description: "Everyone with a token. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: DonorContributionsResponse, description: 'Every donor and the total' })
  @ProblemResponses(VIEW_QUERY)
  async contributions(@Query() query: FreshnessQuery, @Res() response: Response): Promise<void> {
    const question = { key: viewQuestionKey('funding-contributions', null, {}), reads: ['contributions'] };
    const reply = await this.source.answer(query, question, async (views) => JsonReply.of(await donorContributions(views)));
    reply.send(response);
  }
}

/** The summary a request asks for, as the API shows it (JSON, and the CSV made of it). */
async function summaryOf(views: ReadStore, query: PortfolioFilters & { groupBy: GroupingName }, audience: Audience) {
  const { groups, total } = await views.aggregate('portfolio', 'projects', summaryQueryOf(query, audience));
  return {
    groupBy: query.groupBy,
    groups: groups.map((row) => ({ ...groupOf(query.groupBy, row.group), ...moneyOf(row) })),
    total: moneyOf(total),
  };
}

/** Envelope use per (year, line), with what the projects disbursed from each. */
async function envelopeUse(views: ReadStore) {
  const page = await views.find('envelopes', 'envelopes', { sortBy: 'year', direction: 'asc', limit: 500 });
  // Disbursed per (year, line): the projects' disbursements grouped by year, one query per line.
  const disbursedBy = new Map<string, number>();
  for (const line of [1, 2]) {
    const { groups } = await views.aggregate('portfolio', 'projects', {
      fields: [{ field: 'fundingLine', op: 'eq', value: line }],
      groupBy: 'year',
      sum: ['disbursed'],
    });
    for (const row of groups) disbursedBy.set(`${row.group}-${line}`, row.sums.disbursed ?? 0);
  }
  return {
    items: page.items.map((envelope) => {
      const amount = envelope.amount as number;
      const reserved = envelope.reserved as number;
      return {
        year: envelope.year,
        fundingLine: envelope.fundingLine,
        amount: formatUsd(amount),
        reserved: formatUsd(reserved),
        disbursed: formatUsd(disbursedBy.get(`${envelope.year}-${envelope.fundingLine}`) ?? 0),
        remaining: formatUsd(amount - reserved),
      };
    }),
  };
}

/** Pledged and received per donor, and the total. */
async function donorContributions(views: ReadStore) {
  const { groups, total } = await views.aggregate('contributions', 'contributions', { groupBy: 'donor', sum: ['pledged', 'received'] });
  const format = (row: AggregateRow) => ({
    contributions: row.count,
    pledged: formatUsd(row.sums.pledged ?? 0),
    received: formatUsd(row.sums.received ?? 0),
    outstanding: formatUsd((row.sums.pledged ?? 0) - (row.sums.received ?? 0)),
  });
  return { donors: groups.map((row) => ({ donor: row.group, ...format(row) })), total: format(total) };
}

/** The read-store query of a summary request: its filters (and the public's restriction) and grouping. */
function summaryQueryOf(query: PortfolioFilters & { groupBy: GroupingName }, audience: Audience): AggregateQuery {
  return { ...portfolioFilter(query, audience), ...GROUPINGS[query.groupBy], sum: MONEY };
}

/** The group's key under the name grouped by; by state, also its label, projects without a state in the global group. */
function groupOf(groupBy: keyof typeof GROUPINGS, group: AggregateRow['group']) {
  return groupBy === 'state' ? stateGroupOf(group) : { [groupBy]: group };
}

function moneyOf(row: AggregateRow) {
  const sums = Object.fromEntries(MONEY.map((field) => [field, formatUsd(row.sums[field] ?? 0)]));
  return { projects: row.count, ...sums, deliveryRate: deliveryRate(row.sums.spent ?? 0, row.sums.disbursed ?? 0) };
}
