import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, PartialType } from '@nestjs/swagger';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ProposalRequest } from '../draft-project/draft-project.request.js';
import { toProposalFields } from '../draft-project/proposal.mapping.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';

/** Any subset of the proposal's fields; the merged proposal is checked whole by the domain. */
export class AmendDraftRequest extends PartialType(ProposalRequest) {}

@ProjectCommandEndpoints()
@Controller('projects/:projectId')
export class AmendDraftController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post('amend')
  @SendsCommand('AmendDraft')
  @ApiOperation({ summary: 'Change a draft (e.g. after it was returned for revision)' })
  amend(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: AmendDraftRequest): Promise<CommandResult> {
    return this.sender.send(request, projectId, { type: 'AmendDraft', data: toProposalFields(body) });
  }
}
