import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, effectiveOnOf, eventDataAtTheEdge, projectStreamId } from '#domain';
import { formatPosition, type EventStore, type RecordedEvent } from '#event-store';
import { verifyChain } from '#ledger';
import { ReadableBy } from '../../../auth/access.decorators.js';
import { wholeNumber } from '../../../http/whole-number.js';
import { EVENT_STORE } from '../../../storage/tokens.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { ProblemResponses, STORE_QUERY } from '../../../http/problem.response.js';
import { ChainVerificationResponse, ProjectEventsPage } from './project-events.response.js';

const MAX_PAGE = 500;

/** A project's stream as recorded: every event with who, role, when, why — and its hash chain. */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects/:projectId/events')
export class GetProjectEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin')
  @ApiOperation({
    summary: "The project's events in order, with metadata; page with fromRevision and limit",
    description: 'Money in the data is a decimal string of USD ("37887.00"), a share a decimal string of percent ("33.33"), as commands take them; the hash covers the event as stored (integer cents, basis points).',
  })
  @ApiOkResponse({ type: ProjectEventsPage, description: 'A page of events' })
  @ProblemResponses(STORE_QUERY, 'project.not-found', 'request.invalid-query')
  @ApiQuery({ name: 'fromRevision', required: false })
  @ApiQuery({ name: 'limit', required: false, description: `1 to ${MAX_PAGE}, default 100` })
  async list(@Param('projectId') projectId: string, @Query('fromRevision') fromRevision?: string, @Query('limit') limit?: string) {
    const from = wholeNumber(fromRevision, 'fromRevision', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const pageSize = wholeNumber(limit, 'limit', 1, MAX_PAGE) ?? 100;
    const events = await this.store.readStream(projectStreamId(projectId), { fromRevision: from, maxCount: pageSize + 1 });
    if (events.length === 0 && from === 0) throw new DomainError('project.not-found', `there is no project ${projectId}`, 'not-found');
    const page = events.slice(0, pageSize);
    return {
      projectId,
      events: page.map(toEventView),
      nextFromRevision: events.length > pageSize ? page.at(-1)!.revision + 1 : null,
    };
  }

  @Get('verification')
  @ReadableBy('auditor', 'admin', 'approver')
  @ApiOperation({ summary: "Verify the project's hash chain: was any recorded event altered, removed or reordered?", description: 'Auditors, admins and approvers. Re-computes every hash from the stored events.' })
  @ApiOkResponse({ type: ChainVerificationResponse, description: 'intact, or the first break' })
  @ProblemResponses(STORE_QUERY, 'project.not-found')
  async verify(@Param('projectId') projectId: string) {
    const events = await this.store.readStream(projectStreamId(projectId));
    if (events.length === 0) throw new DomainError('project.not-found', `there is no project ${projectId}`, 'not-found');
    const broken = verifyChain(projectStreamId(projectId), events);
    return { projectId, events: events.length, intact: broken === undefined, ...(broken ? { firstBreak: broken } : {}), lastHash: events.at(-1)!.metadata.hash };
  }
}

/** An event as the API shows it: its data's money and shares written as the commands take them. */
function toEventView(event: RecordedEvent) {
  return {
    id: event.id,
    type: event.type,
    revision: event.revision,
    position: formatPosition(event.position),
    effectiveOn: effectiveOnOf(event.data),
    recordedAt: event.metadata.recordedAt,
    data: eventDataAtTheEdge(event.type, event.data),
    metadata: event.metadata,
  };
}
