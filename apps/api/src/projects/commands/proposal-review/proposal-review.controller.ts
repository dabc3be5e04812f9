import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ReasonRequest } from '../../../http/reason.request.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';

export class GovernmentEndorsementRequest {
  @ApiProperty({ example: 'KG', description: 'One of the project\'s beneficiary states' })
  @IsString()
  @MaxLength(2)
  state!: string;

  @ApiProperty({ example: '2019-02-10' })
  @IsString()
  @MaxLength(10)
  endorsedOn!: string;

  @ApiProperty({ example: 'Ministry of Labour and Social Development' })
  @IsString()
  @MaxLength(500)
  authority!: string;
}

/** From draft to a decision: endorsements, submission, and the approver's decisions. */
@ProjectCommandEndpoints()
@Controller('projects/:projectId')
export class ProposalReviewController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post('government-endorsements')
  @SendsCommand('RecordGovernmentEndorsement')
  @ApiOperation({ summary: 'Record a government endorsement for a beneficiary state (rule 5)' })
  recordEndorsement(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: GovernmentEndorsementRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RecordGovernmentEndorsement', data: { ...body } });
  }

  @Post('submit')
  @SendsCommand('SubmitProject')
  @ApiOperation({ summary: 'Submit the proposal (needs government endorsements, rule 5)' })
  submit(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'SubmitProject', data: {} }, { reason: body.reason });
  }

  @Post('endorse')
  @SendsCommand('EndorseProject')
  @ApiOperation({ summary: 'Endorse a submitted proposal (approver; four eyes, rule 6)' })
  endorse(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'EndorseProject', data: {} }, { reason: body.reason });
  }

  @Post('approve')
  @SendsCommand('ApproveProject')
  @ApiOperation({ summary: 'Approve: reserves the budget from the envelope of (year, line) (rules 6, 7)' })
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveProject', data: {} }, { reason: body.reason });
  }

  @Post('retain')
  @SendsCommand('RetainProject')
  @ApiOperation({ summary: 'Retain for later consideration (e.g. the envelope lacks room)' })
  retain(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RetainProject', data: {} }, { reason: body.reason });
  }

  @Post('reject')
  @SendsCommand('RejectProject')
  @ApiOperation({ summary: 'Reject (reason required)' })
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectProject', data: {} }, { reason: body.reason });
  }

  @Post('return')
  @SendsCommand('ReturnProject')
  @ApiOperation({ summary: 'Return to draft for revision (reason required)' })
  returnForRevision(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ReturnProject', data: {} }, { reason: body.reason });
  }
}
