import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { WAITING_KINDS, type WaitingKind } from '#domain';
import { PageParams } from '../portfolio/page-params.js';
import { FreshnessQuery } from '../view-freshness.js';

/** The queue's page, freshness and the kinds of item wanted (several, comma separated). */
export class ApprovalQueueQuery extends IntersectionType(FreshnessQuery, PageParams) {
  @ApiPropertyOptional({
    type: String,
    example: 'budget-revision,extension',
    description: `Only these kinds, comma separated: ${WAITING_KINDS.join(', ')}`,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((kind) => kind.trim()) : value))
  @ArrayMaxSize(WAITING_KINDS.length * 2)
  @IsIn(WAITING_KINDS, { each: true, message: `each kind must be one of ${WAITING_KINDS.join(', ')}` })
  kind?: WaitingKind[];
}
