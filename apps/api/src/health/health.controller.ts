import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import { Public } from '../auth/access.decorators.js';
import { ProblemError } from '../http/problem.js';
import { EVENT_STORE } from '../storage/tokens.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Is the service up and its event store reachable?' })
  async health(): Promise<{ status: 'ok'; eventStore: 'up' }> {
    try {
      await this.store.readAll({ maxCount: 1 });
    } catch {
      throw new ProblemError(503, 'store.unavailable', 'the event store cannot be reached');
    }
    return { status: 'ok', eventStore: 'up' };
  }
}
