import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ReasonRequest } from '../../../http/reason.request.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';

export class NoCostExtensionRequest {
  @ApiPropertyOptional({ description: 'Your id for the request; generated when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  requestId?: string;

  @ApiProperty({ example: '2020-08-31' })
  @IsString()
  @MaxLength(10)
  newEndDate!: string;

  @ApiPropertyOptional({ example: 'Elections delayed the national consultations' })
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
  @ApiOperation({ summary: 'Request a no-cost extension' })
  request(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: NoCostExtensionRequest): Promise<CommandResult> {
    const requestId = body.requestId ?? randomUUID();
    return this.sender.send(request, projectId, { type: 'RequestNoCostExtension', data: { requestId, newEndDate: body.newEndDate } }, { reason: body.reason, body: { requestId } });
  }

  @Post(':requestId/approve')
  @SendsCommand('ApproveNoCostExtension')
  @ApiOperation({ summary: 'Approve: the end date moves' })
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveNoCostExtension', data: { requestId } }, { reason: body.reason });
  }

  @Post(':requestId/reject')
  @SendsCommand('RejectNoCostExtension')
  @ApiOperation({ summary: 'Reject (reason required)' })
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectNoCostExtension', data: { requestId } }, { reason: body.reason });
  }
}
