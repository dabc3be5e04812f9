import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PROJECT_STATUSES, type Coverage, type FundingLine, type ProjectStatus } from '#domain';
import { PUBLICLY_LISTED_STATUSES, type DocumentFilter, type FieldFilter } from '#read-models';
import type { Audience } from './project-views.js';
import { FreshnessQuery } from '../view-freshness.js';
import { anyOf, ListFilter } from '../list-filter.js';

const COVERAGES: readonly Coverage[] = ['national', 'regional', 'global'];

/** The filters every portfolio and funding query accepts (query string); each takes several values. */
export class PortfolioFilters extends FreshnessQuery {
  @ListFilter({ allowed: PROJECT_STATUSES }, { enum: PROJECT_STATUSES, example: 'active,completed' })
  status?: ProjectStatus[];

  @ListFilter({ maxLength: 80 }, { type: String, example: 'asia-and-oceania', description: 'IDF region' })
  region?: string[];

  @ListFilter({ pattern: /^[A-Z]{2}$/, shape: 'an ISO 3166-1 alpha-2 code such as KG' }, { type: String, example: 'KG,KZ', description: 'Beneficiary state (ISO 3166-1 alpha-2)' })
  state?: string[];

  @ListFilter({ maxLength: 80 }, { type: String, example: 'labour-migration', description: 'Thematic area (project type)' })
  type?: string[];

  @ListFilter({ allowed: [1, 2], numeric: true }, { enum: [1, 2], example: '1,2', description: 'Funding line' })
  line?: FundingLine[];

  @ListFilter({ numeric: true, shape: 'a year such as 2019' }, { type: Number, example: '2019,2020' })
  year?: number[];

  @ListFilter({ allowed: COVERAGES }, { enum: COVERAGES, example: 'regional,global' })
  coverage?: Coverage[];

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
  if (filters.status !== undefined) fields.push(anyOf('status', filters.status));
  if (filters.region !== undefined) fields.push(anyOf('region', filters.region));
  if (filters.state !== undefined) fields.push(anyOf('stateCodes', filters.state, true));
  if (filters.type !== undefined) fields.push(anyOf('thematicArea', filters.type));
  if (filters.line !== undefined) fields.push(anyOf('fundingLine', filters.line));
  if (filters.year !== undefined) fields.push(anyOf('year', filters.year));
  if (filters.coverage !== undefined) fields.push(anyOf('coverage', filters.coverage));
  return { fields, ...(filters.q?.trim() ? { text: filters.q } : {}) };
}
