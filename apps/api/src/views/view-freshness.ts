import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { parsePosition } from '#event-store';
import type { Projector } from '#read-models';
import { ProblemError } from '../http/problem.js';

/**
 * Read-your-writes: a command answers with the global position it wrote; a query given
 * `minPosition` waits (bounded) until the views it reads have applied the feed that far,
 * or answers 503 `views.not-caught-up` so the client can retry.
 */
export class ViewFreshness {
  constructor(
    private readonly projector: Projector,
    private readonly maxWaitMs: number,
  ) {}

  async reached(minPosition: string | undefined, projections: readonly string[]): Promise<void> {
    if (minPosition === undefined || minPosition === '') return;
    const position = parsePosition(minPosition);
    if (!position) {
      throw new ProblemError(400, 'request.invalid-position', 'minPosition must be a position a command returned, e.g. "753-12"', [
        { field: 'minPosition', message: 'expected "<commit>-<prepare>"' },
      ]);
    }
    if (!(await this.projector.waitFor(position, this.maxWaitMs, projections))) {
      throw new ProblemError(503, 'views.not-caught-up', `the views have not reached position ${minPosition} within ${this.maxWaitMs} ms; retry shortly`);
    }
  }
}

/** The query parameter every view query accepts. */
export class FreshnessQuery {
  @ApiPropertyOptional({ description: 'Wait until the views have applied this position (from a command response)', example: '753-12' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  minPosition?: string;
}
