import { once } from 'node:events';
import { Controller, Get, Inject, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, iatiActivityOf, projectStreamId, type IatiActivity, type ProjectEvent } from '#domain';
import type { EventStore } from '#event-store';
import { PUBLICLY_LISTED_STATUSES } from '#read-models';
import type { AppConfig } from '#runtime';
import { OpenToVisitors, ReadableBy } from '../../auth/access.decorators.js';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { APP_CONFIG, EVENT_STORE } from '../../storage/tokens.js';
import { EVERYONE } from '../portfolio/portfolio.controller.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { IATI_FILE_END, iatiActivityXml, iatiFileStart } from './iati-activity-xml.js';
import { XML_DECLARATION } from './xml-writer.js';

/** Projects whose events are read at once: a page of the file in memory, never the portfolio. */
const PAGE = 100;

/**
 * The portfolio as an IATI 2.03 activity file (docs/adr/0021-iati-activity-file.md): the
 * projects donors see (publicly listed statuses), public fields only, the same file for
 * every reader. Each activity is folded from its project's events; the file is written
 * activity by activity.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller('iati')
export class IatiController {
  private readonly logger = new Logger('IatiController');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly source: ViewSource,
  ) {}

  @Get('activities.xml')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiProduces('application/xml')
  @ApiOperation({
    summary: 'The portfolio as an IATI 2.03 activity file',
    description: "Every project donors see (approved and later; not the pipeline, not rejected proposals), one iati-activity each, valid against the IATI 2.03 activity schema. Streamed. Pass a command's position as minPosition to include your writes; with asOf, the file as it would have been written at that instant (the projects listed then, each folded from its events recorded up to it).",
  })
  @ApiOkResponse({ description: 'An iati-activities document', content: { 'application/xml': { schema: { type: 'string' } } } })
  @ProblemResponses(VIEW_QUERY, 'request.invalid-instant')
  async portfolio(@Query() query: FreshnessQuery, @Res() response: Response): Promise<void> {
    const until = this.source.instantOf(query);
    const views = await this.source.store(query, ['portfolio']);
    const generatedAt = new Date().toISOString();
    startXml(response, `iati-activities-${fileInstant(until ?? generatedAt)}.xml`);
    try {
      await write(response, XML_DECLARATION + iatiFileStart(generatedAt));
      let after: string | undefined;
      do {
        const page = await views.find('portfolio', 'projects', {
          fields: [{ field: 'status', op: 'in', value: PUBLICLY_LISTED_STATUSES }],
          sortBy: 'projectId',
          direction: 'asc',
          limit: PAGE,
          ...(after === undefined ? {} : { after }),
        });
        const activities = await Promise.all(page.items.map((doc) => this.publishedActivity(String(doc.projectId), until)));
        const chunk = activities.map((activity) => (activity ? iatiActivityXml(activity, this.config.iati) : '')).join('');
        if (chunk !== '') await write(response, chunk);
        after = page.nextCursor;
      } while (after !== undefined);
      response.end(IATI_FILE_END);
    } catch (error) {
      // The status line is gone: a cut-off file is all that can say something failed.
      this.logger.error({ message: 'IATI file interrupted', error: String(error) });
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  @Get('activities/:projectId.xml')
  @ReadableBy(...EVERYONE)
  @OpenToVisitors()
  @ApiProduces('application/xml')
  @ApiOperation({ summary: 'One project as an IATI 2.03 activity file', description: 'A project donors see, folded from its events as recorded now (with asOf: up to that instant); any other is not found.' })
  @ApiOkResponse({ description: 'An iati-activities document with one iati-activity', content: { 'application/xml': { schema: { type: 'string' } } } })
  @ProblemResponses(VIEW_QUERY, 'project.not-found', 'request.invalid-instant')
  async project(@Param('projectId') projectId: string, @Query() query: FreshnessQuery, @Res() response: Response): Promise<void> {
    const until = this.source.instantOf(query);
    const activity = await this.publishedActivity(projectId, until);
    if (!activity) throw new DomainError('project.not-found', `there is no project ${projectId}${until ? ` as of ${until}` : ''}`, 'not-found');
    const generatedAt = new Date().toISOString();
    startXml(response, `iati-activity-${projectId}-${fileInstant(until ?? generatedAt)}.xml`);
    response.end(XML_DECLARATION + iatiFileStart(generatedAt) + iatiActivityXml(activity, this.config.iati) + IATI_FILE_END);
  }

  /** The project's activity when its status is one donors see, from its events as recorded now (or up to `until`). */
  private async publishedActivity(projectId: string, until?: string): Promise<IatiActivity | undefined> {
    const recorded = await this.events.readStream(projectStreamId(projectId), until === undefined ? {} : { until });
    const activity = iatiActivityOf(recorded.map(({ type, data }) => ({ type, data }) as ProjectEvent), this.config.iati.sectors);
    return activity && (PUBLICLY_LISTED_STATUSES as readonly string[]).includes(activity.projectStatus) ? activity : undefined;
  }
}

/** An instant in a file name, without `:` (2026-01-20T090000Z). */
function fileInstant(instant: string): string {
  return `${instant.slice(0, 19).replace(/:/g, '')}Z`;
}

function startXml(response: Response, fileName: string): void {
  response.status(200);
  response.setHeader('Content-Type', 'application/xml; charset=utf-8');
  response.setHeader('Content-Disposition', `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
}

/** Writes with back-pressure: a slow reader holds the next page back instead of filling memory. */
async function write(response: Response, chunk: string): Promise<void> {
  if (!response.write(chunk)) await once(response, 'drain');
}
