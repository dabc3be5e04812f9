import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Projector } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import { ProblemError } from '../../http/problem.js';
import { RebuildJobs } from './rebuild-jobs.js';

class RebuildRequest {
  @ApiPropertyOptional({ description: 'One projection (portfolio, envelopes, contributions, audit-trail); all when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  projection?: string;
}

/** Admin: the projector's state, and rebuilds that never take the service down. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/read-models')
export class ReadModelsAdminController {
  constructor(
    private readonly projector: Projector,
    private readonly jobs: RebuildJobs,
  ) {}

  @Get()
  @ReadableBy('admin', 'auditor')
  @ApiOperation({ summary: 'Each projection: generation, checkpoint, state, failures' })
  status() {
    return { projections: this.projector.status() };
  }

  @Post('rebuilds')
  @HttpCode(202)
  @ReadableBy('admin')
  @ApiOperation({ summary: 'Rebuild one view or all from the start of the feed; the old one answers until the new one has caught up' })
  rebuild(@Body() body: RebuildRequest) {
    const names = this.projector.names();
    if (body.projection !== undefined && !names.includes(body.projection)) {
      throw new ProblemError(404, 'read-model.unknown', `there is no projection ${body.projection}; there are ${names.join(', ')}`);
    }
    return this.jobs.start(body.projection === undefined ? names : [body.projection]);
  }

  @Get('rebuilds/:id')
  @ReadableBy('admin')
  @ApiOperation({ summary: 'Progress of a rebuild: events done, rate, checkpoint vs target' })
  job(@Param('id') id: string) {
    const job = this.jobs.get(id);
    if (!job) throw new ProblemError(404, 'rebuild.not-found', `there is no rebuild ${id}`);
    return job;
  }
}
