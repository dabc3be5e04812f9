import { Body, Controller, Get, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { codeListDecider, codeListStreamId, publicLabelOf, requireCodeListName, type CodeListState } from '#domain';
import { EventSourcedRepository, FundCommands } from '#ledger';
import { OpenToVisitors, ReadableBy, SendsCommand } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { commandMetadataOf } from '../../http/command-metadata.factory.js';
import { CommandResult } from '../../http/command-result.js';
import { CommandInterceptor } from '../../http/command.interceptor.js';
import { audienceOf, type Audience } from '../../views/portfolio/project-views.js';
import { ApiCreatedResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { CODE_LIST_NAMES } from '#domain';
import { RECORDED_HEADERS } from '../../http/command.response.js';
import { COMMAND, ProblemResponses, STORE_QUERY } from '../../http/problem.response.js';
import { CodeListRecordedResponse, CodeListResponse } from './code-list.response.js';
import { BusinessDateRequest } from '../../http/business-date.request.js';

export class CodeListEntryRequest extends BusinessDateRequest {
  @ApiProperty({ example: 'middle-east-and-north-africa', description: 'kebab-case code' })
  @IsString()
  @MaxLength(80)
  code!: string;

  @ApiProperty({ example: 'Middle East and North Africa' })
  @IsString()
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({ description: 'Label shown to donors when it differs' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  publicLabel?: string;
}

/** The code lists an admin can extend: thematic-areas and regions. */
@ApiTags('fund')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('code-lists/:list')
export class CodeListsController {
  constructor(
    private readonly fund: FundCommands,
    private readonly repository: EventSourcedRepository,
  ) {}

  @Get()
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor')
  @OpenToVisitors()
  @ApiOperation({
    summary: 'The entries of a code list (thematic-areas or regions)',
    description: 'Staff see each entry\'s code, label and publicLabel; a donor sees the code and the public label only, as `label` (publicLabel where there is one, else label).',
  })
  @ApiParam({ name: 'list', enum: CODE_LIST_NAMES })
  @ApiOkResponse({ type: CodeListResponse, description: 'The list' })
  @ProblemResponses(STORE_QUERY, 'code-list.unknown')
  async get(@Req() request: AuthenticatedRequest, @Param('list') list: string) {
    const name = requireCodeListName(list);
    const { state } = await this.repository.load(codeListDecider(name), codeListStreamId(name));
    return codeListView(state, audienceOf(request));
  }

  @Post('entries')
  @SendsCommand('AddCodeListEntry')
  @ApiOperation({ summary: 'Add an entry (admin)', description: 'Admin. A new code, kept for ever (codes are stored in events). 201 with the whole list.' })
  @ApiParam({ name: 'list', enum: CODE_LIST_NAMES })
  @ApiCreatedResponse({ type: CodeListRecordedResponse, description: 'Added: the list after it', headers: RECORDED_HEADERS })
  @ProblemResponses(COMMAND, 'code-list.unknown', 'code-list.invalid', 'code-list.duplicate-entry')
  async add(@Req() request: AuthenticatedRequest, @Param('list') list: string, @Body() body: CodeListEntryRequest): Promise<CommandResult> {
    const decided = await this.fund.addCodeListEntry(list, { ...body }, commandMetadataOf(request));
    return CommandResult.recorded({ status: 201, ...decided, body: codeListView(decided.state, 'staff') });
  }
}

/**
 * A list as its reader may see it. The internal label is the fund's own wording; the public
 * one is what donors are shown (e.g. "Migration policy activities"), so a donor never gets
 * the internal one, not even beside it. Fields are listed, never copied whole.
 */
function codeListView(state: CodeListState, audience: Audience) {
  const entries =
    audience === 'public'
      ? state.entries.map((entry) => ({ code: entry.code, label: publicLabelOf(entry) }))
      : state.entries.map(({ code, label, publicLabel }) => ({ code, label, ...(publicLabel === undefined ? {} : { publicLabel }) }));
  return { name: state.name, entries };
}
