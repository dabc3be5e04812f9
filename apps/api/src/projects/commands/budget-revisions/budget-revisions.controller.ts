import { randomUUID } from 'node:crypto';
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

export class BudgetRevisionRequest {
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

  @ApiPropertyOptional({ example: 'Additional training sessions requested by the ministry' })
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
  @ApiOperation({ summary: 'Request a budget revision' })
  request(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: BudgetRevisionRequest): Promise<CommandResult> {
    const requestId = body.requestId ?? randomUUID();
    const budget = toProposalFields({ budget: body.budget }).budget as BudgetBreakdown;
    return this.sender.send(request, projectId, { type: 'RequestBudgetRevision', data: { requestId, budget } }, { reason: body.reason, body: { requestId } });
  }

  @Post(':requestId/approve')
  @SendsCommand('ApproveBudgetRevision')
  @ApiOperation({ summary: 'Approve: a raise reserves the difference from the envelope, a cut releases it' })
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveBudgetRevision', data: { requestId } }, { reason: body.reason });
  }

  @Post(':requestId/reject')
  @SendsCommand('RejectBudgetRevision')
  @ApiOperation({ summary: 'Reject (reason required)' })
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Param('requestId') requestId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectBudgetRevision', data: { requestId } }, { reason: body.reason });
  }
}
