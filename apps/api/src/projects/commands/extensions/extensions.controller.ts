import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ReasonRequest } from '../../../http/reason.request.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { PROJECT_COMMAND, ProblemResponses } from '../../../http/problem.response.js';
import { RECORDED_HEADERS } from '../../../http/command.response.js';
import { REASON_REQUIRED, RequiredReasonRequest } from '../../../http/required-reason.request.js';
import { ChangeRequestedResponse, ProjectCommandResponse } from '../project-command.response.js';
import { generatedId } from '../../../http/generated-id.js';
import { BusinessDateRequest } from '../../../http/business-date.request.js';

export class NoCostExtensionRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the request; generated when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  requestId?: string;

  @ApiProperty({ example: '2020-08-31' })
  @IsString()
  @MaxLength(10)
  newEndDate!: string;

  @ApiProperty({ required: true, example: 'Elections delayed the national consultations', description: 'Why (rule 13): required; missing or blank is refused with 422 `reason.required`' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** Rule 10: requested at least one month before the end date, effective when approved (four eyes). */
@ProjectCommandEndpoints()
@Controller('projects/:projectId/extensions')
export class ExtensionsController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post()
  @SendsCommand('RequestNoCostExtension')
  @ApiOperation({ summary: 'Request a no-cost extension (reason required)', description: `Fund manager; at least a month before the end date (rule 10); the end date moves when approved. ${REASON_REQUIRED}` })
  @ApiOkResponse({ type: ChangeRequestedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, [422, 'request.invalid'], 'extension.invalid', 'request.too-late', 'request.already-pending', 'request.duplicate', 'reason.required')
  request(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: NoCostExtensionRequest): Promise<CommandResult> {
    const requestId = body.requestId ?? generatedId(request, 'extension-request');
    return this.sender.send(request, projectId, { type: 'RequestNoCostExtension', data: { requestId, newEndDate: body.newEndDate } }, { reason: body.reason, body: { requestId } });
  }

  @Post(':requestId/approve')
  @SendsCommand('ApproveNoCostExtension')
  @ApiOperation({ summary: 'Approve a no-cost extension: the end date moves', description: 'Approver; not the person who requested it (rule 6).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'request.not-found', 'request.already-decided', 'approval.four-eyes', 'reason.required')
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveNoCostExtension', data: { requestId } }, { reason: body.reason });
  }

  @Post(':requestId/reject')
  @SendsCommand('RejectNoCostExtension')
  @ApiOperation({ summary: 'Reject a no-cost extension (reason required)', description: `Approver. The end date stays as it was. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'request.not-found', 'request.already-decided', 'reason.required')
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectNoCostExtension', data: { requestId } }, { reason: body.reason });
  }
}
