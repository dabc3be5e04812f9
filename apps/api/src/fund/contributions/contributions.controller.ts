import { Body, Controller, Get, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { CLIENT_ID_PATTERN, CLIENT_ID_RULE, DomainError, contributionDecider, contributionStreamId, formatUsd, parseUsd, type ContributionState, type FundingLine } from '#domain';
import { EventSourcedRepository, FundCommands } from '#ledger';
import { ReadableBy, SendsCommand } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { commandMetadataOf } from '../../http/command-metadata.factory.js';
import { CommandResult, etag } from '../../http/command-result.js';
import { CommandInterceptor } from '../../http/command.interceptor.js';
import { expectedRevisionFrom } from '../../http/if-match.js';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CREATED_HEADERS, RECORDED_HEADERS } from '../../http/command.response.js';
import { COMMAND, IF_MATCH, ProblemResponses, STORE_QUERY } from '../../http/problem.response.js';
import { ContributionRecordedResponse, ContributionResponse, ReceiptRecordedResponse } from './contribution.response.js';
import { generatedId } from '../../http/generated-id.js';
import { BusinessDateRequest } from '../../http/business-date.request.js';

export class PledgeRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the contribution; generated when omitted. ' + CLIENT_ID_RULE, pattern: CLIENT_ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contributionId?: string;

  @ApiProperty({ example: 'Government of Germany' })
  @IsString()
  @MaxLength(200)
  donor!: string;

  @ApiProperty({ example: 2019 })
  @IsInt()
  year!: number;

  @ApiProperty({ enum: [1, 2] })
  @IsIn([1, 2])
  fundingLine!: FundingLine;

  @ApiProperty({ example: '250000.00' })
  @IsString()
  @MaxLength(20)
  amount!: string;

  @ApiPropertyOptional({ example: 'africa', description: 'Region code the money is earmarked to' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  earmarkedRegion?: string;
}

export class ReceiptRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the receipt; generated when omitted. ' + CLIENT_ID_RULE, pattern: CLIENT_ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  receiptId?: string;

  @ApiProperty({ example: '100000.00' })
  @IsString()
  @MaxLength(20)
  amount!: string;

  @ApiProperty({ example: '2019-05-02' })
  @IsString()
  @MaxLength(10)
  receivedOn!: string;
}

/** Donor contributions: pledged, then received (only received money counts toward totals). */
@ApiTags('fund')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('contributions')
export class ContributionsController {
  constructor(
    private readonly fund: FundCommands,
    private readonly repository: EventSourcedRepository,
  ) {}

  @Post()
  @SendsCommand('PledgeContribution')
  @ApiOperation({ summary: 'Record a donor pledge', description: 'Admin or finance officer. Money promised by a donor for a year and funding line; it counts toward totals only once received. 201 with Location and ETag.' })
  @ApiCreatedResponse({ type: ContributionRecordedResponse, description: 'Pledged', headers: CREATED_HEADERS })
  @ProblemResponses(COMMAND, 'money.invalid-amount', 'contribution.invalid', 'contribution.already-pledged')
  async pledge(@Req() request: AuthenticatedRequest, @Body() body: PledgeRequest): Promise<CommandResult> {
    const contributionId = body.contributionId ?? generatedId(request, 'contribution');
    const data = {
      contributionId,
      donor: body.donor,
      year: body.year,
      fundingLine: body.fundingLine,
      amount: parseUsd(body.amount),
      ...(body.earmarkedRegion === undefined ? {} : { earmarkedRegion: body.earmarkedRegion }),
    };
    const decided = await this.fund.pledgeContribution(data, commandMetadataOf(request));
    return CommandResult.recorded({ status: 201, location: `/contributions/${encodeURIComponent(contributionId)}`, ...decided, body: contributionView(decided.state) });
  }

  @Post(':contributionId/receipts')
  @SendsCommand('RecordContributionReceipt')
  @ApiOperation({ summary: 'Record money received against a pledge (never more than pledged)', description: 'Admin or finance officer.' })
  @ApiOkResponse({ type: ReceiptRecordedResponse, description: 'Received', headers: RECORDED_HEADERS })
  @ProblemResponses(COMMAND, IF_MATCH, 'money.invalid-amount', 'contribution.invalid', 'contribution.not-found', 'contribution.duplicate-receipt', 'contribution.exceeds-pledge', 'effective-on.before-previous-step')
  async receive(@Req() request: AuthenticatedRequest, @Param('contributionId') contributionId: string, @Body() body: ReceiptRequest): Promise<CommandResult> {
    const data = { receiptId: body.receiptId ?? generatedId(request, 'receipt'), amount: parseUsd(body.amount), receivedOn: body.receivedOn };
    const revision = expectedRevisionFrom(request);
    const decided = await this.fund.recordContributionReceipt(contributionId, data, commandMetadataOf(request), revision === undefined ? {} : { expectedRevision: revision });
    return CommandResult.recorded({ ...decided, body: { ...contributionView(decided.state), receiptId: data.receiptId } });
  }

  @Get(':contributionId')
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor')
  @ApiOperation({ summary: 'A contribution: pledged and received', description: 'Folded from its events. ETag = its revision.' })
  @ApiOkResponse({ type: ContributionResponse, description: 'The contribution', headers: RECORDED_HEADERS })
  @ProblemResponses(STORE_QUERY, 'contribution.not-found')
  async get(@Param('contributionId') contributionId: string, @Req() request: AuthenticatedRequest) {
    const loaded = await this.repository.load(contributionDecider, contributionStreamId(contributionId));
    if (loaded.state.status === 'none' || loaded.revision === undefined) {
      throw new DomainError('contribution.not-found', `there is no contribution ${contributionId}`, 'not-found');
    }
    request.res?.setHeader('ETag', etag(loaded.revision));
    return { ...contributionView(loaded.state), revision: loaded.revision };
  }
}

function contributionView(state: ContributionState) {
  return {
    contributionId: state.contributionId,
    donor: state.donor,
    year: state.year,
    fundingLine: state.fundingLine,
    earmarkedRegion: state.earmarkedRegion,
    pledged: formatUsd(state.pledged),
    received: formatUsd(state.received),
  };
}
