import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { comparePositions, parsePosition, type EventStore, type GlobalPosition } from '#event-store';
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
    private readonly events: EventStore,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves with the position waited for (undefined without one) once the views have reached it. */
  async reached(minPosition: string | undefined, projections: readonly string[]): Promise<GlobalPosition | undefined> {
    if (minPosition === undefined || minPosition === '') return undefined;
    const position = parsePosition(minPosition);
    if (!position) {
      throw new ProblemError(400, 'request.invalid-position', 'minPosition must be a position a command returned, e.g. "753-12"', [
        { field: 'minPosition', message: 'expected "<commit>-<prepare>"' },
      ]);
    }
    if (this.reachedInProcess(position, projections)) return position;
    // A position past the last event recorded was never returned by a command: waiting for
    // it could only end in a 503, which would tell the client to retry what cannot succeed.
    const head = await this.events.headPosition();
    if (head === undefined || comparePositions(position, head) > 0) {
      throw new ProblemError(400, 'request.invalid-position', `minPosition ${minPosition} is past the last event recorded; send a position a command returned`, [
        { field: 'minPosition', message: 'past the last event recorded' },
      ]);
    }
    if (!(await this.projector.waitFor(position, this.maxWaitMs, projections))) {
      throw new ProblemError(503, 'views.not-caught-up', `the views have not reached position ${minPosition} within ${this.maxWaitMs} ms; retry shortly`);
    }
    return position;
  }

  /**
   * Waits (at most `maxWaitMs`, never failing) until `projection` has applied everything
   * recorded so far in the streams it reads, and says whether it got there. For an answer
   * that puts a view beside state folded from the event store (always current): without it
   * the view's part could be older than the rest of the same answer.
   */
  async caughtUpWithTheStore(projection: { name: string; streamPrefixes: readonly string[] }, maxWaitMs = this.maxWaitMs): Promise<boolean> {
    const head = await this.events.headPosition({ streamPrefixes: projection.streamPrefixes });
    if (head === undefined || this.reachedInProcess(head, [projection.name])) return true;
    return this.projector.waitFor(head, Math.min(maxWaitMs, this.maxWaitMs), [projection.name]);
  }

  /**
   * Whether the projector running in this process has already committed `position` for
   * every projection: then the store has it too, and asking the store (two statements per
   * projection, queued on PGlite behind every other query) can be skipped. A runner reports
   * a checkpoint only after its commit returned; without runners here (the postgres
   * profile's API) this is always false and the store is asked.
   */
  private reachedInProcess(position: GlobalPosition, projections: readonly string[]): boolean {
    const runners = this.projector.status();
    return projections.every((projection) => {
      const runner = runners.find((status) => status.projection === projection && status.state !== 'stopped');
      const checkpoint = runner ? parsePosition(runner.checkpoint) : undefined;
      return checkpoint !== undefined && comparePositions(checkpoint, position) >= 0;
    });
  }
}

/** The query parameter every view query accepts. */
export class FreshnessQuery {
  @ApiPropertyOptional({ description: 'Wait until the views have applied this position (from a command response)', example: '753-12' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  minPosition?: string;

  @ApiPropertyOptional({
    description: 'The answer as of this instant (ISO 8601, not in the future): folded from the events recorded up to it by the same projections (what was known then)',
    example: '2026-01-31T23:59:59Z',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;
}
