import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, availableCommands, budgetWarnings, projectDecider, projectStreamId, type Project } from '#domain';
import { EventSourcedRepository, FundCalendar, FundPolicySource } from '#ledger';
import { ReadableBy } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import { CommandLinks } from '../../../http/command-links.js';
import { allowedCommandOf } from './allowed-command.js';
import { etag } from '../../../http/command-result.js';
import { instantFrom } from '../../../http/instant.js';
import { wholeNumber } from '../../../http/whole-number.js';
import { ProblemError } from '../../../http/problem.js';
import { toProjectRecord } from './project-record.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { RECORDED_HEADERS } from '../../../http/command.response.js';
import { ProblemResponses, STORE_QUERY } from '../../../http/problem.response.js';
import { ProjectRecordResponse } from './project-record.response.js';

/**
 * The project folded from its own events (the command side's view of it), optionally as it
 * stood at a past instant. Staff and auditors only: donors read the public views.
 */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class GetProjectController {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly policies: FundPolicySource,
    private readonly links: CommandLinks,
    private readonly calendar: FundCalendar,
  ) {}

  @Get()
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin')
  @ApiOperation({ summary: 'A project, folded from its events; ETag = its revision', description: 'Staff and auditors. Read from the event store itself (always current); with asOf, as it stood at that instant. `allowedCommands` lists what the caller may send now, by their roles, the project\'s status, four eyes and the preconditions the project\'s state decides (none with asOf).' })
  @ApiOkResponse({ type: ProjectRecordResponse, description: 'The project', headers: RECORDED_HEADERS })
  @ProblemResponses(STORE_QUERY, 'project.not-found', 'request.invalid-instant', 'request.invalid-query')
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant: the project as it stood then' })
  @ApiQuery({ name: 'atRevision', required: false, description: 'The project as its events up to this revision (0 = the first) left it; not with asOf' })
  async get(
    @Req() request: AuthenticatedRequest,
    @Param('projectId') projectId: string,
    @Query('asOf') asOf: string | undefined,
    @Query('atRevision') atRevision: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const until = instantFrom(asOf, 'asOf');
    const throughRevision = wholeNumber(atRevision, 'atRevision', 0, Number.MAX_SAFE_INTEGER);
    if (until !== undefined && throughRevision !== undefined) {
      throw new ProblemError(400, 'request.invalid-query', 'ask for a project as of an instant or at a revision, not both', [{ field: 'atRevision', message: 'not with asOf' }]);
    }
    const loaded = await this.repository.load(projectDecider, projectStreamId(projectId), { ...(until === undefined ? {} : { until }), ...(throughRevision === undefined ? {} : { throughRevision }) });
    if (loaded.state.status === 'none' || loaded.revision === undefined) {
      throw new DomainError('project.not-found', `there is no project ${projectId}${until ? ` as of ${until}` : ''}`, 'not-found');
    }
    if (throughRevision !== undefined && loaded.revision < throughRevision) {
      throw new DomainError('project.not-found', `project ${projectId} has no revision ${throughRevision} (its last is ${loaded.revision})`, 'not-found');
    }
    const project = loaded.state as Project;
    response.setHeader('ETag', etag(loaded.revision));
    // Nothing can be sent to the project as it stood in the past (at an instant or a revision).
    const caller = { id: request.principal.subject, roles: request.principal.roles };
    const today = this.calendar.dateAt(new Date().toISOString());
    const allowed = until === undefined && throughRevision === undefined ? availableCommands(project, caller, today).map((available) => allowedCommandOf(available, project, this.links)) : [];
    return {
      ...toProjectRecord(project, budgetWarnings(project, await this.policies.current())),
      revision: loaded.revision,
      allowedCommands: allowed,
    };
  }
}
