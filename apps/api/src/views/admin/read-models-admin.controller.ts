import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Projector } from '#read-models';
import { ReadableBy } from '../../auth/access.decorators.js';
import { ProblemError } from '../../http/problem.js';
import { RebuildJobs } from './rebuild-jobs.js';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AUTHENTICATED, AUTHENTICATED_CHANGE, ProblemResponses, WITH_BODY } from '../../http/problem.response.js';
import { ReadModelsStatusResponse, RebuildJobResponse } from './read-models.response.js';

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
  @ApiOperation({ summary: 'Each projection: generation, checkpoint, state, failures', description: 'Admins and auditors. The projector running in this process (none on an API of the postgres profile).' })
  @ApiOkResponse({ type: ReadModelsStatusResponse, description: 'The projections' })
  @ProblemResponses(AUTHENTICATED, 'request.invalid')
  status() {
    return { projections: this.projector.status() };
  }

  @Post('rebuilds')
  @HttpCode(202)
  @ReadableBy('admin')
  @ApiOperation({ summary: 'Rebuild one view or all from the start of the feed; the old one answers until the new one has caught up', description: 'Admin. 202: the rebuild runs in the background; follow it at /admin/read-models/rebuilds/{id}.' })
  @ApiAcceptedResponse({ type: RebuildJobResponse, description: 'Started' })
  @ProblemResponses(AUTHENTICATED_CHANGE, WITH_BODY, 'read-model.unknown')
  rebuild(@Body() body: RebuildRequest) {
    const names = this.projector.names();
    if (body.projection !== undefined && !names.includes(body.projection)) {
      throw new ProblemError(404, 'read-model.unknown', `there is no projection ${body.projection}; there are ${names.join(', ')}`);
    }
    return this.jobs.start(body.projection === undefined ? names : [body.projection]);
  }

  @Get('rebuilds/:id')
  @ReadableBy('admin')
  @ApiOperation({ summary: 'Progress of a rebuild: events done, rate, checkpoint vs target', description: 'Admin. Jobs are kept in this process only.' })
  @ApiOkResponse({ type: RebuildJobResponse, description: 'The job' })
  @ProblemResponses(AUTHENTICATED, 'request.invalid', 'rebuild.not-found')
  job(@Param('id') id: string) {
    const job = this.jobs.get(id);
    if (!job) throw new ProblemError(404, 'rebuild.not-found', `there is no rebuild ${id}`);
    return job;
  }
}
