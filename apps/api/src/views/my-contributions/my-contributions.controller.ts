import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatPercent, formatUsd, type FundingLine } from '#domain';
import {
  attributeDonorReceipts,
  CONTRIBUTIONS,
  PORTFOLIO,
  PROJECTS,
  PUBLICLY_LISTED_STATUSES,
  publicProjectCard,
  type Attribution,
  type ContributionDocument,
  type DocumentQuery,
  type DonorReceipts,
  type ReadStore,
  type ViewDocument,
} from '#read-models';
import type { Response } from 'express';
import { ReadableBy } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { ProblemError } from '../../http/problem.js';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { JsonReply } from '../json-reply.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { MyContributionsResponse } from './my-contributions.response.js';

const READS = ['contributions', PORTFOLIO];

/**
 * A donor organisation's own view: its pledges and receipts, and where its received money
 * went — per envelope it fed, its share of the envelope's receipts and, pro rata, of each
 * project committed from it (attributeDonorReceipts), adding up to what it gave to the cent.
 * The organisation is the one its token names; contributions are matched on the donor's name
 * exactly as recorded. Projects show their public fields only.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('funding')
export class MyContributionsController {
  constructor(
    private readonly source: ViewSource,
  ) {}

  @Get('my-contributions')
  @ReadableBy('donor')
  @ApiOperation({
    summary: "A donor organisation's contributions and where its money went",
    description:
      "Donors whose token names their organisation (claim `organisation`, or ORGANISATION_CLAIM for a provider's tokens). Per (year, line) it fed: what it gave X, the envelope's receipts R, its share X/R, and each project committed from it, attributed X × committed / max(R, Σ committed) in cents by largest remainder, plus what is not yet committed: the lines add up to X. Earmarked money goes to projects of its region only. Projected from the events; pass a command's position as minPosition to read your writes.",
  })
  @ApiOkResponse({ type: MyContributionsResponse, description: "The organisation's contributions and their attribution" })
  @ProblemResponses(VIEW_QUERY, 'donor.organisation-missing')
  async mine(@Query() query: FreshnessQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const organisation = request.principal.organisation;
    if (organisation === undefined) {
      throw new ProblemError(403, 'donor.organisation-missing', "this view shows one organisation's contributions: the token must name the organisation (claim organisation; npm run token -- <sub> donor --organisation \"<donor as recorded>\")");
    }
    const question = { key: viewQuestionKey('my-contributions', null, { organisation }), reads: READS };
    const reply = await this.source.answer(query, question, async (views) => JsonReply.of(await this.viewOf(views, organisation)));
    reply.send(response);
  }

  private async viewOf(views: ReadStore, organisation: string) {
    const contributions = (await this.all(views, CONTRIBUTIONS, CONTRIBUTIONS, {
      fields: [{ field: 'donor', op: 'eq', value: organisation }],
      sortBy: 'contributionId',
    })) as ContributionDocument[];
    const whereItWent: Attribution[] = [];
    const cards = new Map<string, ViewDocument>();
    for (const pool of receiptPools(contributions)) {
      const inEnvelope = [
        { field: 'year', op: 'eq', value: pool.year },
        { field: 'fundingLine', op: 'eq', value: pool.fundingLine },
      ] as const;
      const { total } = await views.aggregate(CONTRIBUTIONS, CONTRIBUTIONS, { fields: inEnvelope, groupBy: 'year', sum: ['received'] });
      const projects = await this.all(views, PORTFOLIO, PROJECTS, {
        fields: [...inEnvelope, { field: 'status', op: 'in', value: PUBLICLY_LISTED_STATUSES }],
        sortBy: 'projectId',
      });
      for (const project of projects) cards.set(project['projectId'] as string, project);
      whereItWent.push(
        attributeDonorReceipts(pool, {
          year: pool.year,
          fundingLine: pool.fundingLine,
          receipts: total.sums['received'] ?? 0,
          projects: projects.map((doc) => ({ projectId: doc['projectId'] as string, region: doc['region'] as string, committed: doc['committed'] as number })),
        }),
      );
    }
    const sum = (field: 'pledged' | 'received' | 'outstanding') => formatUsd(contributions.reduce((total, c) => total + c[field], 0));
    return {
      organisation,
      contributions: contributions.map((c) => ({
        contributionId: c.contributionId,
        year: c.year,
        fundingLine: c.fundingLine,
        ...(c.earmarkedRegion === undefined ? {} : { earmarkedRegion: c.earmarkedRegion }),
        pledged: formatUsd(c.pledged),
        received: formatUsd(c.received),
        outstanding: formatUsd(c.outstanding),
        receipts: c.receipts.map((receipt) => ({ ...receipt, amount: formatUsd(receipt.amount) })),
      })),
      total: { pledged: sum('pledged'), received: sum('received'), outstanding: sum('outstanding') },
      whereItWent: whereItWent.map((attribution) => ({
        year: attribution.year,
        fundingLine: attribution.fundingLine,
        ...(attribution.earmarkedRegion === undefined ? {} : { earmarkedRegion: attribution.earmarkedRegion }),
        received: formatUsd(attribution.received),
        envelopeReceipts: formatUsd(attribution.envelopeReceipts),
        shareOfReceipts: formatPercent(attribution.shareOfReceipts),
        projects: attribution.projects.map(({ projectId, committed, attributed }) => {
          const card = publicProjectCard(cards.get(projectId)!);
          return {
            projectId,
            title: card.title,
            thematicArea: card.thematicArea,
            coverage: card.coverage,
            region: card.region,
            stateCodes: card.stateCodes,
            status: card.status,
            committed: formatUsd(committed),
            attributed: formatUsd(attributed),
          };
        }),
        notYetCommitted: formatUsd(attribution.notYetCommitted),
      })),
    };
  }

  /** Every document matching, page by page. */
  private async all(views: ReadStore, projection: string, collection: string, query: Omit<DocumentQuery, 'limit' | 'direction'>): Promise<ViewDocument[]> {
    const documents: ViewDocument[] = [];
    let after: string | undefined;
    do {
      const page = await views.find(projection, collection, { ...query, direction: 'asc', limit: 500, ...(after ? { after } : {}) });
      documents.push(...page.items);
      after = page.nextCursor;
    } while (after !== undefined);
    return documents;
  }
}

/** The organisation's receipts per envelope (year, line) and earmarked region, in that order; pools with nothing received left out. */
function receiptPools(contributions: readonly ContributionDocument[]): DonorReceipts[] {
  const pools = new Map<string, DonorReceipts>();
  for (const contribution of contributions) {
    if (contribution.received <= 0) continue;
    const key = JSON.stringify([contribution.year, contribution.fundingLine, contribution.earmarkedRegion ?? null]);
    const pool = pools.get(key) ?? {
      year: contribution.year,
      fundingLine: contribution.fundingLine as FundingLine,
      ...(contribution.earmarkedRegion === undefined ? {} : { earmarkedRegion: contribution.earmarkedRegion }),
      received: 0,
    };
    pool.received += contribution.received;
    pools.set(key, pool);
  }
  return [...pools.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pool]) => pool);
}
