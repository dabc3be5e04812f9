import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FieldFilter, ReadStore } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import { instantFrom } from '../../http/instant.js';
import { READ_STORE } from '../../storage/tokens.js';
import { PageParams } from '../portfolio/page-params.js';
import { FreshnessQuery, ViewFreshness } from '../view-freshness.js';

class AuditTrailFilters {
  @ApiPropertyOptional({ description: 'Who (actor id)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'ProjectApproved' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

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
}

class AuditTrailQuery extends IntersectionType(AuditTrailFilters, FreshnessQuery, PageParams) {}

const STAFF = ['auditor', 'admin', 'approver', 'fund-manager', 'finance-officer'] as const;

/**
 * Every event with who, role, when, why and the fields it changed (before → after), in feed
 * order. Not for donors.
 */
@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class AuditTrailController {
  constructor(
    @Inject(READ_STORE) private readonly views: ReadStore,
    private readonly freshness: ViewFreshness,
  ) {}

  @Get('audit-trail')
  @ReadableBy(...STAFF)
  @ApiOperation({ summary: 'The audit trail across the portfolio; filter by actor, event type, time range, project' })
  trail(@Query() query: AuditTrailQuery) {
    return this.page(query, query.project);
  }

  @Get('projects/:projectId/audit-trail')
  @ReadableBy(...STAFF)
  @ApiOperation({ summary: "One project's audit trail" })
  projectTrail(@Param('projectId') projectId: string, @Query() query: AuditTrailQuery) {
    return this.page(query, projectId);
  }

  private async page(query: AuditTrailQuery, projectId: string | undefined) {
    await this.freshness.reached(query.minPosition, ['audit-trail']);
    const fields: FieldFilter[] = [];
    if (projectId !== undefined) {
      fields.push({ field: 'subjectType', op: 'eq', value: 'project' }, { field: 'subjectId', op: 'eq', value: projectId });
    }
    if (query.actor !== undefined) fields.push({ field: 'actorId', op: 'eq', value: query.actor });
    if (query.type !== undefined) fields.push({ field: 'type', op: 'eq', value: query.type });
    const from = instantFrom(query.from, 'from');
    const to = instantFrom(query.to, 'to');
    if (from !== undefined) fields.push({ field: 'recordedAt', op: 'gte', value: from });
    if (to !== undefined) fields.push({ field: 'recordedAt', op: 'lte', value: to });
    const page = await this.views.find('audit-trail', 'audit-entries', {
      fields,
      sortBy: 'feedOrder',
      direction: query.direction ?? 'asc',
      limit: query.limit ?? 100,
      ...(query.cursor ? { after: query.cursor } : {}),
    });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }
}
