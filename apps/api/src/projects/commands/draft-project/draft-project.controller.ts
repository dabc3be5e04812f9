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
import { ApiCreatedResponse } from '@nestjs/swagger';
import { CREATED_HEADERS } from '../../../http/command.response.js';
import { COMMAND, ProblemResponses } from '../../../http/problem.response.js';
import { ProjectCommandResponse } from '../project-command.response.js';

@ProjectCommandEndpoints()
@Controller('projects')
export class DraftProjectController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post()
  @SendsCommand('DraftProject')
  @ApiOperation({ summary: 'Draft a project proposal (fund manager)', description: 'Rules 2, 3, 4 and 14: checked before anything is recorded. 201 with Location and ETag.' })
  @ApiCreatedResponse({ type: ProjectCommandResponse, description: 'Drafted: the new project, at revision 0', headers: CREATED_HEADERS })
  @ProblemResponses(COMMAND, 'proposal.invalid', 'budget.staff-costs-exceeded', 'budget.ceiling-exceeded', 'coverage.beneficiary-states', 'beneficiary.shares-invalid', 'project.already-exists', 'project.prima-id-taken', 'prima-id.invalid')
  draft(@Req() request: AuthenticatedRequest, @Body() body: DraftProjectRequest): Promise<CommandResult> {
    const { projectId, ...proposal } = body;
    const data = { projectId, ...(toProposalFields(proposal) as ProposalFields) };
    return this.sender.send(request, projectId, { type: 'DraftProject', data }, { created: true });
  }
}
