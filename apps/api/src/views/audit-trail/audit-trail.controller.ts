import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { auditEntryAtTheEdge, type DocumentQuery, type FieldFilter } from '#read-models';
import type { Request, Response } from 'express';
import type { EventStore } from '#event-store';
import { ReadableBy } from '../../auth/access.decorators.js';
import { instantFrom } from '../../http/instant.js';
import { EVENT_STORE } from '../../storage/tokens.js';
import { PageParams } from '../portfolio/page-params.js';
import { anyOf, ListFilter } from '../list-filter.js';
import { JsonReply } from '../json-reply.js';
import { viewQuestionKey } from '../view-cache.js';
import { FreshnessQuery } from '../view-freshness.js';
import { ViewSource } from '../view-source.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, VIEW_QUERY } from '../../http/problem.response.js';
import { AuditTrailPage } from './audit-trail.response.js';
import { auditTrailLines } from '../exports/audit-trail-lines.js';
import { attachmentOf, downloadInstant } from '../exports/export-filename.js';
import { JsonLinesFormatQuery, refusePaging, wantsDownload } from '../exports/export-format.js';
import { JSON_LINES_TYPE } from '../exports/json-lines.js';
import { sendDownload } from '../exports/streamed-download.js';

const SUBJECT_TYPES = ['project', 'envelope', 'contribution', 'code-list'] as const;

class AuditTrailFilters {
  @ListFilter({ maxLength: 200 }, { type: String, example: 'ap-chen', description: 'Who (actor id)' })
  actor?: string[];

  @ListFilter({ maxLength: 100 }, { type: String, example: 'ProjectApproved,ProjectRejected', description: 'Event type' })
  type?: string[];

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Recorded at or after' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'Recorded at or before' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ example: 'PO.0143' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  project?: string;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES, example: 'envelope', description: 'Whose history: a project, an envelope, a contribution or a code list (with `subject`, one of them)' })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subjectType?: (typeof SUBJECT_TYPES)[number];

  @ApiPropertyOptional({ example: '2026-1', description: 'The subject: a project id, an envelope as `<year>-<line>`, a contribution id or a code list name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subject?: string;

  @ApiPropertyOptional({ description: "The command's correlation id: the entries one command recorded, in every stream it touched (an approval's reservation in its envelope). Read within a subject: over the whole trail it scans" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  correlation?: string;
}

class AuditTrailQuery extends IntersectionType(AuditTrailFilters, FreshnessQuery, PageParams, JsonLinesFormatQuery) {}

const STAFF = ['auditor', 'admin', 'approver', 'fund-manager', 'finance-officer'] as const;

/**
 * Every event with who, role, when, why and the fields it changed (before → after), in feed
 * order; money in USD and shares in percent, as commands take them. Not for donors.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class AuditTrailController {

  constructor(
    private readonly source: ViewSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get('audit-trail')
  @ReadableBy(...STAFF)
  @ApiOperation({ summary: 'The audit trail across the portfolio; filter by actor, event type, time range, project, subject, command', description: "Staff and auditors, not donors. Weak ETag; gzipped on Accept-Encoding: gzip. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: AuditTrailPage, description: 'A page of the trail, in feed order; with format=jsonl (or Accept: application/x-ndjson) the whole filtered trail as JSON Lines, each entry with its event as stored and its hash' })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query', 'request.invalid-instant', 'export.whole-list-only')
  async trail(@Query() query: AuditTrailQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer(query, query.project, request, response);
  }

  @Get('projects/:projectId/audit-trail')
  @ReadableBy(...STAFF)
  @ApiOperation({ summary: "One project's audit trail", description: "Staff and auditors, not donors. An unknown project has an empty trail. Projected from the events; pass a command's position as minPosition to read your writes." })
  @ApiOkResponse({ type: AuditTrailPage, description: 'A page of the trail, in feed order; with format=jsonl (or Accept: application/x-ndjson) the whole trail as JSON Lines' })
  @ApiProduces('application/json', 'application/x-ndjson')
  @ProblemResponses(VIEW_QUERY, 'request.invalid-query', 'request.invalid-instant', 'export.whole-list-only')
  async projectTrail(@Param('projectId') projectId: string, @Query() query: AuditTrailQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.answer(query, projectId, request, response);
  }

  /** A page as JSON, or the whole trail the same query selects as a JSON Lines download. */
  private async answer(query: AuditTrailQuery, projectId: string | undefined, request: Request, response: Response): Promise<void> {
    const jsonl = wantsDownload(request, query.format, 'jsonl');
    if (jsonl) refusePaging(query);
    const pageQuery = auditTrailQueryOf(query, projectId);
    if (jsonl) {
      const what = projectId === undefined ? 'audit-trail' : `audit-trail-${projectId}`;
      const { actor, type, from, to, direction, subjectType, subject, correlation } = query;
      const disposition = attachmentOf({ what, filters: { subjectType, subject, correlation, actor, type, from, to, direction }, asOf: downloadInstant(query), extension: 'jsonl' });
      // Live once fresh, or as of the instant asked for: the same entries the JSON pages.
      const views = await this.source.store(query, ['audit-trail']);
      const pages = (page: DocumentQuery) => views.find('audit-trail', 'audit-entries', page);
      return sendDownload(response, { contentType: JSON_LINES_TYPE, disposition, body: auditTrailLines(pages, pageQuery, this.events) });
    }
    const reply = await this.source.answer(query, { key: viewQuestionKey('audit-trail', null, { ...pageQuery }), reads: ['audit-trail'] }, async (views) => {
      const page = await views.find('audit-trail', 'audit-entries', pageQuery);
      return JsonReply.of({ items: page.items.map(auditEntryAtTheEdge), nextCursor: page.nextCursor ?? null });
    });
    reply.send(response);
  }
}

/** The read-store query of a trail request (one project's, or the portfolio's): the JSON page and the JSON Lines download alike. */
function auditTrailQueryOf(query: AuditTrailQuery, projectId: string | undefined): DocumentQuery {
  const fields: FieldFilter[] = [];
  if (projectId !== undefined) {
    fields.push({ field: 'subjectType', op: 'eq', value: 'project' }, { field: 'subjectId', op: 'eq', value: projectId });
  }
  if (query.subjectType !== undefined) fields.push({ field: 'subjectType', op: 'eq', value: query.subjectType });
  if (query.subject !== undefined) fields.push({ field: 'subjectId', op: 'eq', value: query.subject });
  if (query.correlation !== undefined) fields.push({ field: 'correlationId', op: 'eq', value: query.correlation });
  if (query.actor !== undefined) fields.push(anyOf('actorId', query.actor));
  if (query.type !== undefined) fields.push(anyOf('type', query.type));
  const from = instantFrom(query.from, 'from');
  const to = instantFrom(query.to, 'to');
  if (from !== undefined) fields.push({ field: 'recordedAt', op: 'gte', value: from });
  if (to !== undefined) fields.push({ field: 'recordedAt', op: 'lte', value: to });
  return {
    fields,
    sortBy: 'feedOrder',
    direction: query.direction ?? 'asc',
    limit: query.limit ?? 100,
    ...(query.cursor ? { after: query.cursor } : {}),
  };
}
