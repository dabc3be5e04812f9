import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
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

export class GovernmentEndorsementRequest extends BusinessDateRequest {
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
  @ApiOperation({ summary: 'Record a government endorsement for a beneficiary state (rule 5)', description: "Fund manager. The endorsement of one beneficiary state's government, needed before a national or regional project is submitted." })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'endorsement.invalid', 'endorsement.state-not-beneficiary')
  recordEndorsement(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: GovernmentEndorsementRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RecordGovernmentEndorsement', data: commandDataOf(body) });
  }

  @Post('submit')
  @SendsCommand('SubmitProject')
  @ApiOperation({ summary: 'Submit the proposal (needs government endorsements, rule 5)', description: 'Fund manager. The draft goes to the approvers; refused while a beneficiary state has not endorsed it.' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'submission.endorsement-missing', 'reason.required')
  submit(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'SubmitProject', data: {} }, { reason: body.reason });
  }

  @Post('endorse')
  @SendsCommand('EndorseProject')
  @ApiOperation({ summary: 'Endorse a submitted proposal (approver; four eyes, rule 6)', description: 'Approver; not the person who drafted or submitted it.' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'approval.four-eyes', 'reason.required')
  endorse(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'EndorseProject', data: {} }, { reason: body.reason });
  }

  @Post('approve')
  @SendsCommand('ApproveProject')
  @ApiOperation({ summary: 'Approve: reserves the budget from the envelope of (year, line) (rules 6, 7)', description: "Approver; four eyes. The project's budget is reserved from the envelope of its year and funding line; refused when that envelope is not open or has too little left." })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'approval.four-eyes', 'envelope.not-open', 'envelope.exhausted', 'reason.required')
  approve(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ApproveProject', data: {} }, { reason: body.reason });
  }

  @Post('retain')
  @SendsCommand('RetainProject')
  @ApiOperation({ summary: 'Retain for later consideration (e.g. the envelope lacks room)', description: 'Approver. The proposal waits, neither approved nor rejected.' })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  retain(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RetainProject', data: {} }, { reason: body.reason });
  }

  @Post('reject')
  @SendsCommand('RejectProject')
  @ApiOperation({ summary: 'Reject the proposal (reason required)', description: `Approver. The proposal is closed without funding. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  reject(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'RejectProject', data: {} }, { reason: body.reason });
  }

  @Post('return')
  @SendsCommand('ReturnProject')
  @ApiOperation({ summary: 'Return to draft for revision (reason required)', description: `Approver. The fund manager may amend the draft and submit it again. ${REASON_REQUIRED}` })
  @ApiBody({ type: RequiredReasonRequest })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'reason.required')
  returnForRevision(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: ReasonRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'ReturnProject', data: {} }, { reason: body.reason });
  }
}
