import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { parseUsd } from '#domain';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';
import { ApiOkResponse } from '@nestjs/swagger';
import { PROJECT_COMMAND, ProblemResponses } from '../../../http/problem.response.js';
import { RECORDED_HEADERS } from '../../../http/command.response.js';
import { REASON_REQUIRED } from '../../../http/required-reason.request.js';
import { ProjectCommandResponse, TransactionRecordedResponse } from '../project-command.response.js';
import { generatedId } from '../../../http/generated-id.js';
import { BusinessDateRequest } from '../../../http/business-date.request.js';

export class TransactionRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ description: 'Your id for the transaction; generated when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  transactionId?: string;

  @ApiProperty({ example: '15000.00', description: 'USD' })
  @IsString()
  @MaxLength(20)
  amount!: string;

  @ApiProperty({ example: '2019-04-15' })
  @IsString()
  @MaxLength(10)
  valueDate!: string;

  @ApiPropertyOptional({ example: 'PO-4711' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RefundRequest extends TransactionRequest {
  @ApiPropertyOptional({ example: 'Unspent workshop budget returned by the partner' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

export class CorrectionRequest extends BusinessDateRequest {
  @ApiProperty({ example: '14500.00', description: 'What the amount should have been, USD' })
  @IsString()
  @MaxLength(20)
  correctedAmount!: string;

  @ApiProperty({ required: true, example: 'Bank charges were booked as disbursement', description: 'Why (rule 13): required; missing or blank is refused with 422 `reason.required`' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

/** Money that flowed (rule 9): disbursements, expenditures and their corrections (rule 13). */
@ProjectCommandEndpoints()
@Controller('projects/:projectId')
export class MoneyFlowsController {
  constructor(private readonly sender: ProjectCommandSender) {}

  @Post('disbursements')
  @SendsCommand('RecordDisbursement')
  @ApiOperation({ summary: 'Record a disbursement (disbursed ≤ approved budget)', description: 'Fund manager or finance officer; rule 9. The amount is a decimal string of USD.' })
  @ApiOkResponse({ type: TransactionRecordedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'money.invalid-amount', 'transaction.invalid', 'transaction.duplicate', 'transaction.value-date-in-future', 'disbursement.before-approval', 'disbursement.exceeds-budget')
  disburse(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: TransactionRequest): Promise<CommandResult> {
    return this.record(request, projectId, 'RecordDisbursement', body);
  }

  @Post('expenditures')
  @SendsCommand('RecordExpenditure')
  @ApiOperation({ summary: 'Record an expenditure (spent ≤ approved budget)', description: 'Fund manager or finance officer; rule 9. The amount is a decimal string of USD.' })
  @ApiOkResponse({ type: TransactionRecordedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'money.invalid-amount', 'transaction.invalid', 'transaction.duplicate', 'transaction.value-date-in-future', 'expenditure.before-start', 'expenditure.exceeds-budget')
  spend(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: TransactionRequest): Promise<CommandResult> {
    return this.record(request, projectId, 'RecordExpenditure', body);
  }

  @Post('refunds')
  @SendsCommand('RecordRefund')
  @ApiOperation({
    summary: 'Record a refund of unspent money (a negative disbursement, at most disbursed − spent)',
    description:
      'Finance officer only. Lowers disbursed; while the project runs the money stays reserved for it. In a closed or cancelled project it is released to the envelope at once and committed falls by it (ADR 0018). A refund is not corrected: `correction.refund`.',
  })
  @ApiOkResponse({ type: TransactionRecordedResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'money.invalid-amount', 'transaction.invalid', 'transaction.duplicate', 'transaction.value-date-in-future', 'disbursement.before-approval', 'refund.exceeds-unspent')
  refund(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: RefundRequest): Promise<CommandResult> {
    return this.record(request, projectId, 'RecordRefund', body, body.reason);
  }

  @Post('transactions/:transactionId/corrections')
  @SendsCommand('CorrectTransaction')
  @ApiOperation({ summary: 'Correct a disbursement or expenditure by a compensating event (reason required)', description: `Fund manager or finance officer. The recorded transaction stays; a correction records what it should have been (rules 9, 13). ${REASON_REQUIRED}` })
  @ApiOkResponse({ type: ProjectCommandResponse, description: "Recorded: the project's new status and the events recorded", headers: RECORDED_HEADERS })
  @ProblemResponses(PROJECT_COMMAND, 'money.invalid-amount', 'transaction.not-found', 'transaction.invalid', 'correction.no-change', 'correction.refund', 'disbursement.exceeds-budget', 'expenditure.exceeds-budget', 'reason.required')
  correct(
    @Req() request: AuthenticatedRequest,
    @Param('projectId') projectId: string,
    @Param('transactionId') transactionId: string,
    @Body() body: CorrectionRequest,
  ): Promise<CommandResult> {
    const correctedAmount = parseUsd(body.correctedAmount, 'correctedAmount');
    return this.sender.send(request, projectId, { type: 'CorrectTransaction', data: { transactionId, correctedAmount } }, { reason: body.reason });
  }

  private record(
    request: AuthenticatedRequest,
    projectId: string,
    type: 'RecordDisbursement' | 'RecordExpenditure' | 'RecordRefund',
    body: TransactionRequest,
    reason?: string,
  ) {
    const transactionId = body.transactionId ?? generatedId(request, 'transaction');
    const data = {
      transactionId,
      amount: parseUsd(body.amount, 'amount'),
      valueDate: body.valueDate,
      ...(body.reference === undefined ? {} : { reference: body.reference }),
    };
    return this.sender.send(request, projectId, { type, data }, { body: { transactionId }, reason });
  }
}
