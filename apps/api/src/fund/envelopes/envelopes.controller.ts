import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError, availableInEnvelope, envelopeDecider, envelopeStreamId, formatUsd, isFundingLine, parseUsd, type EnvelopeState, type FundingLine } from '#domain';
import { EventSourcedRepository, FundCommands } from '#ledger';
import { pendingRepairsOf, workflowsProjection, type ReadStore } from '#read-models';
import { READ_STORE } from '../../storage/tokens.js';
import { ReadableBy, SendsCommand } from '../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { commandMetadataOf } from '../../http/command-metadata.factory.js';
import { CommandResult, etag } from '../../http/command-result.js';
import { CommandInterceptor } from '../../http/command.interceptor.js';
import { expectedRevisionFrom } from '../../http/if-match.js';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CREATED_HEADERS, RECORDED_HEADERS } from '../../http/command.response.js';
import { COMMAND, IF_MATCH, ProblemResponses, STORE_QUERY } from '../../http/problem.response.js';
import { REASON_REQUIRED } from '../../http/required-reason.request.js';
import { EnvelopeRecordedResponse, EnvelopeResponse } from './envelope.response.js';
import { BusinessDateRequest } from '../../http/business-date.request.js';
import { ViewFreshness } from '../../views/view-freshness.js';

export class OpenEnvelopeRequest extends BusinessDateRequest {
  @ApiProperty({ example: 2019 })
  @IsInt()
  year!: number;

  @ApiProperty({ enum: [1, 2] })
  @IsIn([1, 2])
  fundingLine!: FundingLine;

  @ApiProperty({ example: '1479887.00', description: 'USD' })
  @IsString()
  @MaxLength(20)
  amount!: string;
}

export class AdjustEnvelopeRequest extends BusinessDateRequest {
  @ApiProperty({ example: '1600000.00', description: 'The new size, USD' })
  @IsString()
  @MaxLength(20)
  amount!: string;

  @ApiProperty({ required: true, example: 'Additional contribution received from a donor', description: 'Why (rule 13): required; missing or blank is refused with 422 `reason.required`' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** How long an envelope's read waits for the workflows view (never longer than VIEW_WAIT_MS). */
const PENDING_REPAIRS_WAIT_MS = 1_000;

/** Funding envelopes per (year, funding line): approvals reserve from them (rule 7). */
@ApiTags('fund')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('envelopes')
export class EnvelopesController {
  constructor(
    private readonly fund: FundCommands,
    private readonly repository: EventSourcedRepository,
    @Inject(READ_STORE) private readonly views: ReadStore,
    private readonly freshness: ViewFreshness,
  ) {}

  @Post()
  @SendsCommand('OpenEnvelope')
  @ApiOperation({ summary: 'Open the envelope of a (year, funding line) (admin)', description: 'Admin. The money approvals of that year and funding line reserve from (rule 7). 201 with Location and ETag.' })
  @ApiCreatedResponse({ type: EnvelopeRecordedResponse, description: 'Opened', headers: CREATED_HEADERS })
  @ProblemResponses(COMMAND, 'money.invalid-amount', 'envelope.invalid', 'envelope.already-open')
  async open(@Req() request: AuthenticatedRequest, @Body() body: OpenEnvelopeRequest): Promise<CommandResult> {
    const decided = await this.fund.openEnvelope({ year: body.year, fundingLine: body.fundingLine, amount: parseUsd(body.amount) }, commandMetadataOf(request));
    return CommandResult.recorded({ status: 201, location: `/envelopes/${body.year}/${body.fundingLine}`, ...decided, body: envelopeView(decided.state) });
  }

  @Post(':year/:line/adjustments')
  @SendsCommand('AdjustEnvelope')
  @ApiOperation({ summary: 'Resize an envelope (admin; reason required; never below what is reserved)', description: `Admin. The new size, never below what approved projects reserve (rule 7). ${REASON_REQUIRED}` })
  @ApiOkResponse({ type: EnvelopeRecordedResponse, description: 'Resized', headers: RECORDED_HEADERS })
  @ProblemResponses(COMMAND, IF_MATCH, 'money.invalid-amount', 'envelope.not-found', 'envelope.not-open', 'envelope.below-reserved', 'reason.required')
  async adjust(
    @Req() request: AuthenticatedRequest,
    @Param('year', ParseIntPipe) year: number,
    @Param('line', ParseIntPipe) line: number,
    @Body() body: AdjustEnvelopeRequest,
  ): Promise<CommandResult> {
    const revision = expectedRevisionFrom(request);
    const decided = await this.fund.adjustEnvelope(year, fundingLineOf(line), parseUsd(body.amount), commandMetadataOf(request, body.reason), revision === undefined ? {} : { expectedRevision: revision });
    return CommandResult.recorded({ ...decided, body: envelopeView(decided.state) });
  }

  @Get(':year/:line')
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin', 'donor')
  @ApiOperation({ summary: 'An envelope: size, reserved, available', description: 'Folded from its events (always current, no minPosition needed). ETag = its revision. `pendingRepairs` come from the workflows view, read once it has applied everything recorded (waiting at most a second).' })
  @ApiOkResponse({ type: EnvelopeResponse, description: 'The envelope', headers: RECORDED_HEADERS })
  @ProblemResponses(STORE_QUERY, 'envelope.not-found')
  async get(@Param('year', ParseIntPipe) year: number, @Param('line', ParseIntPipe) line: number, @Req() request: AuthenticatedRequest) {
    const loaded = await this.repository.load(envelopeDecider, envelopeStreamId(year, fundingLineOf(line)));
    if (loaded.state.status === 'none' || loaded.revision === undefined) {
      throw new DomainError('envelope.not-found', `no envelope is open for ${year}, line ${line}`, 'not-found');
    }
    request.res?.setHeader('ETag', etag(loaded.revision));
    // So that an approver refused for want of room sees what is held for a repair (ADR 0017).
    // The repairs come from the workflows view, a moment behind the store: once it has what is
    // recorded now, an approval just answered is not shown as an open reservation. If the view
    // does not get there within a second (its projector stopped or far behind), the envelope,
    // which is current, is not held up for it: the view's repairs are answered as they are.
    await this.freshness.caughtUpWithTheStore(workflowsProjection, PENDING_REPAIRS_WAIT_MS);
    const pending = await pendingRepairsOf(this.views, year, line);
    const pendingRepairs = pending.map(({ projectId, kind, purpose, amount, since, workflowId }) => ({ projectId, kind, purpose, amount: formatUsd(amount), since, workflowId }));
    return { ...envelopeView(loaded.state), revision: loaded.revision, pendingRepairs };
  }
}

function fundingLineOf(line: number): FundingLine {
  if (!isFundingLine(line)) throw new DomainError('envelope.not-found', `there is no funding line ${line}; lines are 1 and 2`, 'not-found');
  return line;
}

function envelopeView(state: EnvelopeState) {
  return {
    year: state.year,
    fundingLine: state.fundingLine,
    amount: formatUsd(state.amount),
    reserved: formatUsd(state.reserved),
    available: formatUsd(availableInEnvelope(state)),
  };
}
