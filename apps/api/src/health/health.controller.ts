import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { Projector } from '#read-models';
import { Public } from '../auth/access.decorators.js';
import { ProblemError } from '../http/problem.js';
import { EVENT_STORE } from '../storage/tokens.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Is the event store reachable, and is every projection applying the feed?' })
  async health() {
    try {
      await this.store.headPosition();
    } catch {
      throw new ProblemError(503, 'store.unavailable', 'the event store cannot be reached');
    }
    const projections = this.projector.status();
    const failing = projections.filter((p) => p.state === 'failing');
    // A failing projection degrades the service (its views stop moving) but does not stop it.
    return { status: failing.length > 0 ? 'degraded' : 'ok', eventStore: 'up', projections };
  }
}
