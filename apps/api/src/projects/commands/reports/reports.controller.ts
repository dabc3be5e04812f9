import { randomUUID } from 'node:crypto';
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

export class SubmitReportRequest {
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
  @ApiOperation({ summary: 'Submit an interim or final report' })
  submit(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: SubmitReportRequest): Promise<CommandResult> {
    const reportId = body.reportId ?? randomUUID();
    const data = { reportId, kind: body.kind, ...(body.summary === undefined ? {} : { summary: body.summary }) };
    return this.sender.send(request, projectId, { type: 'SubmitReport', data }, { body: { reportId } });
  }

  @Post(':reportId/accept')
  @SendsCommand('AcceptReport')
  @ApiOperation({ summary: 'Accept a report (four eyes)' })
  accept(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('reportId') reportId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'AcceptReport', data: { reportId } }, { reason: body.reason });
  }

  @Post(':reportId/reject')
  @SendsCommand('RejectReport')
  @ApiOperation({ summary: 'Reject a report (reason required)' })
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('reportId') reportId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectReport', data: { reportId } }, { reason: body.reason });
  }
}
