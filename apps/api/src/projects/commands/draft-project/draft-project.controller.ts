import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ProposalFields } from '#domain';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';
import { DraftProjectRequest } from './draft-project.request.js';
import { toProposalFields } from './proposal.mapping.js';

@ProjectCommandEndpoints()
@Controller('projects')
export class DraftProjectController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post()
  @SendsCommand('DraftProject')
  @ApiOperation({ summary: 'Draft a project proposal (fund manager)', description: 'Rules 2, 3, 4 and 14. 201 with Location and ETag.' })
  draft(@Req() request: AuthenticatedRequest, @Body() body: DraftProjectRequest): Promise<CommandResult> {
    const { projectId, ...proposal } = body;
    const data = { projectId, ...(toProposalFields(proposal) as ProposalFields) };
    return this.sender.send(request, projectId, { type: 'DraftProject', data }, { created: true });
  }
}
