import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { ALL_PROJECTIONS, Projector, projectionLag, type ReadStore } from '#read-models';
import { Public } from '../auth/access.decorators.js';
import { ProblemError } from '../http/problem.js';
import { EVENT_STORE, READ_STORE } from '../storage/tokens.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses } from '../http/problem.response.js';
import { HealthResponse } from './health.response.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly views: ReadStore,
    private readonly projector: Projector,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Are the stores reachable, and how far behind the feed is each view?', description: 'No token needed. 503 when a store cannot be reached.' })
  @ApiOkResponse({ type: HealthResponse, description: 'The stores answer' })
  @ProblemResponses('store.unavailable')
  async health() {
    const lags = await this.lags();
    const running = new Map(this.projector.status().map((runner) => [runner.projection, runner]));
    const projections = lags.map((lag) => {
      const runner = running.get(lag.projection);
      return { ...lag, ...(runner ? { state: runner.state, failures: runner.failures, ...(runner.lastError ? { lastError: runner.lastError } : {}) } : {}) };
    });
    // A failing projection degrades the service (its views stop moving) but does not stop it.
    const failing = projections.some((p) => 'state' in p && p.state === 'failing');
    return { status: failing ? 'degraded' : 'ok', eventStore: 'up', readStore: 'up', projectorInProcess: running.size > 0, projections };
  }

  private async lags() {
    try {
      return await projectionLag(this.events, this.views, ALL_PROJECTIONS);
    } catch {
      throw new ProblemError(503, 'store.unavailable', 'a store cannot be reached; retry later');
    }
  }
}
