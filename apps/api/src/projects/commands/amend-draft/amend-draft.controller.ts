import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, PartialType } from '@nestjs/swagger';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ProposalRequest } from '../draft-project/draft-project.request.js';
import { toProposalFields } from '../draft-project/proposal.mapping.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { PROJECT_COMMAND, ProblemResponses } from '../../../http/problem.response.js';
import { RECORDED_HEADERS } from '../../../http/command.response.js';
import { ProjectCommandResponse } from '../project-command.response.js';

/** Any subset of the proposal's fields; the merged proposal is checked whole by the domain. */
export class AmendDraftRequest extends PartialType(ProposalRequest) {}

@ProjectCommandEndpoints()
@Controller('projects/:projectId')
export class AmendDraftController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post('amend')
  @SendsCommand('AmendDraft')
  @ApiOperation({ summary: 'Change a draft (e.g. after it was returned for revision)', description: "Fund manager. Any subset of the proposal's fields; the merged proposal is checked whole (rules 2, 3, 4, 14)." })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'proposal.invalid', 'budget.staff-costs-exceeded', 'budget.ceiling-exceeded', 'coverage.beneficiary-states', 'beneficiary.shares-invalid', 'project.prima-id-taken', 'prima-id.invalid')
  amend(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: AmendDraftRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'AmendDraft', data: toProposalFields(body) });
  }
}
