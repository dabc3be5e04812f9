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
import { ProjectCommandResponse } from '../project-command.response.js';
import { BusinessDateRequest, commandDataOf } from '../../../http/business-date.request.js';

export class FocalPointRequest extends BusinessDateRequest {
  @ApiProperty({ example: 'Aibek Osmonov' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'State Migration Service' })
  @IsString()
  @MaxLength(300)
  organisation!: string;

  @ApiPropertyOptional({ example: 'focal.point@example.org' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
}

export class StartRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ example: '2019-03-01', description: 'Defaults to the business date (effectiveOn)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  actualStartDate?: string;
}

export class CompleteRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ example: '2020-02-29', description: 'Defaults to the business date (effectiveOn)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  actualEndDate?: string;
}

/** From approval to the end: focal point, start, suspend/resume, complete, close, cancel. */
@ProjectCommandEndpoints()
@Controller('projects/:projectId')
export class ImplementationController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post('focal-point')
  @SendsCommand('RecordFocalPoint')
  @ApiOperation({ summary: 'Record the government focal point (needed to start, rule 8)', description: 'Fund manager. Name, organisation and optional email of the government counterpart.' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'focal-point.invalid')
  recordFocalPoint(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: FocalPointRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RecordFocalPoint', data: commandDataOf(body) });
  }

  @Post('start')
  @SendsCommand('StartImplementation')
  @ApiOperation({ summary: 'Start implementation', description: 'Fund manager. Needs a focal point (rule 8); the start date defaults to the business date (effectiveOn).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'implementation.focal-point-missing', 'date.invalid')
  start(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: StartRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'StartImplementation', data: commandDataOf(body) });
  }

  @Post('suspend')
  @SendsCommand('SuspendProject')
  @ApiOperation({ summary: 'Suspend (reason required)', description: `Approver. No money flows while suspended; resume to continue. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  suspend(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'SuspendProject', data: {} }, { reason: body.reason });
  }

  @Post('resume')
  @SendsCommand('ResumeProject')
  @ApiOperation({ summary: 'Resume a suspended project', description: 'Approver.' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  resume(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ResumeProject', data: {} }, { reason: body.reason });
  }

  @Post('complete')
  @SendsCommand('CompleteProject')
  @ApiOperation({ summary: 'Complete implementation (finalisation: reports pending)', description: 'Fund manager. Refused while a budget revision or extension is pending; the end date defaults to the business date (effectiveOn).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'request.pending', 'date.invalid')
  complete(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: CompleteRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'CompleteProject', data: commandDataOf(body) });
  }

  @Post('close')
  @SendsCommand('CloseProject')
  @ApiOperation({ summary: 'Close: needs accepted final reports (rule 11); releases what was not disbursed (rule 12)', description: 'Approver. The final narrative and financial reports must be accepted. With an unspent balance (disbursed − spent > 0) it needs the refund recorded first or a reason (`closure.unspent-balance`); committed then equals the net disbursed (ADR 0018).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'closure.reports-missing', 'closure.unspent-balance', 'reason.required')
  close(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'CloseProject', data: {} }, { reason: body.reason });
  }

  @Post('cancel')
  @SendsCommand('CancelProject')
  @ApiOperation({ summary: 'Cancel (reason required); releases what was not disbursed (rule 12)', description: `Approver. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  cancel(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'CancelProject', data: {} }, { reason: body.reason });
  }
}
