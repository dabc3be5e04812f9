import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { BudgetBreakdown } from '#domain';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ReasonRequest } from '../../../http/reason.request.js';
import { BudgetRequest } from '../draft-project/draft-project.request.js';
import { toProposalFields } from '../draft-project/proposal.mapping.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { PROJECT_COMMAND, ProblemResponses } from '../../../http/problem.response.js';
import { RECORDED_HEADERS } from '../../../http/command.response.js';
import { REASON_REQUIRED, RequiredReasonRequest } from '../../../http/required-reason.request.js';
import { ChangeRequestedResponse, ProjectCommandResponse } from '../project-command.response.js';
import { generatedId } from '../../../http/generated-id.js';
import { BusinessDateRequest } from '../../../http/business-date.request.js';

export class BudgetRevisionRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the request; generated when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  requestId?: string;

  @ApiProperty({ type: BudgetRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetRequest)
  budget!: BudgetRequest;

  @ApiProperty({ required: true, example: 'Additional training sessions requested by the ministry', description: 'Why (rule 13): required; missing or blank is refused with 422 `reason.required`' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** Rule 10: requested at least one month before the end date, effective when approved (four eyes). */
@ProjectCommandEndpoints()
@Controller('projects/:projectId/budget-revisions')
export class BudgetRevisionsController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post()
  @SendsCommand('RequestBudgetRevision')
  @ApiOperation({ summary: 'Request a budget revision (reason required)', description: `Fund manager; at least a month before the end date (rule 10); effective when approved. The new budget obeys rules 2 and 3 and is never below what was disbursed or spent. ${REASON_REQUIRED}` })
  @ApiOkResponse({ type: ChangeRequestedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'proposal.invalid', [422, 'request.invalid'], 'revision.invalid', 'revision.no-change', 'revision.below-flows', 'budget.staff-costs-exceeded', 'budget.ceiling-exceeded', 'request.too-late', 'request.already-pending', 'request.duplicate', 'reason.required')
  request(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: BudgetRevisionRequest): Promise<CommandResult> {
    const requestId = body.requestId ?? generatedId(request, 'budget-revision-request');
    const budget = toProposalFields({ budget: body.budget }).budget as BudgetBreakdown;
    return this.sender.send(request, projectId, { type: 'RequestBudgetRevision', data: { requestId, budget } }, { reason: body.reason, body: { requestId } });
  }

  @Post(':requestId/approve')
  @SendsCommand('ApproveBudgetRevision')
  @ApiOperation({ summary: 'Approve a budget revision: a raise reserves the difference from the envelope, a cut releases it', description: 'Approver; not the person who requested it (rule 6).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'request.not-found', 'request.already-decided', 'approval.four-eyes', 'envelope.not-open', 'envelope.exhausted', 'reason.required')
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveBudgetRevision', data: { requestId } }, { reason: body.reason });
  }

  @Post(':requestId/reject')
  @SendsCommand('RejectBudgetRevision')
  @ApiOperation({ summary: 'Reject a budget revision (reason required)', description: `Approver. The budget stays as it was. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'request.not-found', 'request.already-decided', 'reason.required')
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectBudgetRevision', data: { requestId } }, { reason: body.reason });
  }
}
