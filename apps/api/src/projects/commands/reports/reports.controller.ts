import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ReportKind } from '#domain';
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
import { ProjectCommandResponse, ReportSubmittedResponse } from '../project-command.response.js';
import { generatedId } from '../../../http/generated-id.js';
import { BusinessDateRequest } from '../../../http/business-date.request.js';

export class SubmitReportRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the report; generated when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reportId?: string;

  @ApiProperty({ enum: ['interim', 'final-narrative', 'final-financial'] })
  @IsIn(['interim', 'final-narrative', 'final-financial'])
  kind!: ReportKind;

  @ApiPropertyOptional({ example: 'All outputs delivered; see annex.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string;
}

/** Reports: submitted by the fund manager, accepted or rejected by an approver (rule 11). */
@ProjectCommandEndpoints()
@Controller('projects/:projectId/reports')
export class ReportsController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post()
  @SendsCommand('SubmitReport')
  @ApiOperation({ summary: 'Submit an interim or final report', description: 'Fund manager. Final reports are submitted once the project is completed.' })
  @ApiOkResponse({ type: ReportSubmittedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'report.invalid', 'report.duplicate', 'report.already-submitted')
  submit(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: SubmitReportRequest): Promise<CommandResult> {
    const reportId = body.reportId ?? generatedId(request, 'report');
    const data = { reportId, kind: body.kind, ...(body.summary === undefined ? {} : { summary: body.summary }) };
    return this.sender.send(request, projectId, { type: 'SubmitReport', data }, { body: { reportId } });
  }

  @Post(':reportId/accept')
  @SendsCommand('AcceptReport')
  @ApiOperation({ summary: 'Accept a report (four eyes)', description: 'Approver; not the person who submitted it (rule 6).' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'report.not-found', 'report.already-decided', 'approval.four-eyes', 'reason.required')
  accept(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('reportId') reportId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'AcceptReport', data: { reportId } }, { reason: body.reason });
  }

  @Post(':reportId/reject')
  @SendsCommand('RejectReport')
  @ApiOperation({ summary: 'Reject a report (reason required)', description: `Approver. The fund manager may submit it again. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'report.not-found', 'report.already-decided', 'reason.required')
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('reportId') reportId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectReport', data: { reportId } }, { reason: body.reason });
  }
}
