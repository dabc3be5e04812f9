import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROJECT_STATUSES, type Coverage, type FundingLine, type ProjectStatus } from '#domain';
import { PUBLICLY_LISTED_STATUSES, type DocumentFilter, type FieldFilter } from '#read-models';
import type { Audience } from './project-views.js';
import { FreshnessQuery } from '../view-freshness.js';

/** The filters every portfolio and funding query accepts (query string). */
export class PortfolioFilters extends FreshnessQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ example: 'asia-and-oceania' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  region?: string;

  @ApiPropertyOptional({ example: 'KG', description: 'Beneficiary state (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  state?: string;

  @ApiPropertyOptional({ example: 'labour-migration', description: 'Thematic area (project type)' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  type?: string;

  @ApiPropertyOptional({ enum: [1, 2] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2])
  line?: FundingLine;

  @ApiPropertyOptional({ example: 2019 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  year?: number;

  @ApiPropertyOptional({ enum: ['national', 'regional', 'global'] })
  @IsOptional()
  @IsIn(['national', 'regional', 'global'])
  coverage?: Coverage;

  @ApiPropertyOptional({ example: 'миграция', description: 'Words that must all occur in the title or description, in any language' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/**
 * The filters as a read-store filter over the `projects` collection. The public (donors)
 * only ever see projects the fund has committed money to.
 */
export function portfolioFilter(filters: PortfolioFilters, audience: Audience): DocumentFilter {
  const fields: FieldFilter[] = [];
  if (audience === 'public') fields.push({ field: 'status', op: 'in', value: PUBLICLY_LISTED_STATUSES });
  if (filters.status !== undefined) fields.push({ field: 'status', op: 'eq', value: filters.status });
  if (filters.region !== undefined) fields.push({ field: 'region', op: 'eq', value: filters.region });
  if (filters.state !== undefined) fields.push({ field: 'stateCodes', op: 'contains', value: filters.state });
  if (filters.type !== undefined) fields.push({ field: 'thematicArea', op: 'eq', value: filters.type });
  if (filters.line !== undefined) fields.push({ field: 'fundingLine', op: 'eq', value: filters.line });
  if (filters.year !== undefined) fields.push({ field: 'year', op: 'eq', value: filters.year });
  if (filters.coverage !== undefined) fields.push({ field: 'coverage', op: 'eq', value: filters.coverage });
  return { fields, ...(filters.q?.trim() ? { text: filters.q } : {}) };
}
