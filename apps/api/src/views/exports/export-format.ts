import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request } from 'express';
import { ProblemError } from '../../http/problem.js';

export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * How a view answers: its JSON page, or the whole answer as a download. The download is a
 * representation of the same endpoint (same filters, sort and instant, read through the same
 * query), asked for with `format` or with the Accept header; `format` wins.
 */
export class CsvFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the whole filtered list as one CSV download (or send Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class JsonLinesFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'jsonl'], default: 'json', description: 'jsonl: the whole filtered trail as JSON Lines, with each event as stored and its hash (or send Accept: application/x-ndjson)' })
  @IsOptional()
  @IsIn(['json', 'jsonl'])
  format?: 'json' | 'jsonl';
}

const DOWNLOAD_TYPES = { csv: ['text/csv'], jsonl: ['application/x-ndjson', 'application/jsonl', 'application/json-lines'] } as const;

/** Whether the request asks for the download: `format`, else an Accept header that prefers it to JSON. */
export function wantsDownload(request: Request, format: string | undefined, download: 'csv' | 'jsonl'): boolean {
  if (format !== undefined) return format === download;
  const accept = request.headers.accept;
  if (accept === undefined || accept === '') return false;
  const best = request.accepts(['application/json', ...DOWNLOAD_TYPES[download]]);
  return typeof best === 'string' && best !== 'application/json';
}

/**
 * A download is the whole answer, from its first row: a page size or a cursor would make it
 * a part that looks like the whole. Refused, so that nobody files a page as the portfolio.
 */
export function refusePaging(query: { limit?: number; cursor?: string }): void {
  const given = (['limit', 'cursor'] as const).filter((name) => query[name] !== undefined);
  if (given.length === 0) return;
  throw new ProblemError(
    400,
    'export.whole-list-only',
    `a download is the whole filtered list; leave out ${given.join(' and ')} (filters, sort and direction apply)`,
    given.map((field) => ({ field, message: 'not taken by a download' })),
  );
}
