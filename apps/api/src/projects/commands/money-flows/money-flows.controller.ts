import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { parseUsd } from '#domain';
import { SendsCommand } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import type { CommandResult } from '../../../http/command-result.js';
import { ProjectCommandEndpoints } from '../project-command.controller-base.js';
import { ProjectCommandSender } from '../project-command.sender.js';

export class TransactionRequest {
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

export class CorrectionRequest {
  @ApiProperty({ example: '14500.00', description: 'What the amount should have been, USD' })
  @IsString()
  @MaxLength(20)
  correctedAmount!: string;

  @ApiPropertyOptional({ example: 'Bank charges were booked as disbursement' })
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
  @ApiOperation({ summary: 'Record a disbursement (disbursed ≤ approved budget)' })
  disburse(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: TransactionRequest): Promise<CommandResult> {
    return this.record(request, projectId, 'RecordDisbursement', body);
  }

  @Post('expenditures')
  @SendsCommand('RecordExpenditure')
  @ApiOperation({ summary: 'Record an expenditure (spent ≤ approved budget)' })
  spend(@Req() request: AuthenticatedRequest, @Param('projectId') projectId: string, @Body() body: TransactionRequest): Promise<CommandResult> {
    return this.record(request, projectId, 'RecordExpenditure', body);
  }

  @Post('transactions/:transactionId/corrections')
  @SendsCommand('CorrectTransaction')
  @ApiOperation({ summary: 'Correct a disbursement or expenditure by a compensating event (reason required)' })
  correct(
    @Req() request: AuthenticatedRequest,
    @Param('projectId') projectId: string,
    @Param('transactionId') transactionId: string,
    @Body() body: CorrectionRequest,
  ): Promise<CommandResult> {
    const correctedAmount = parseUsd(body.correctedAmount, 'correctedAmount');
    return this.sender.send(request, projectId, { type: 'CorrectTransaction', data: { transactionId, correctedAmount } }, { reason: body.reason });
  }

  private record(request: AuthenticatedRequest, projectId: string, type: 'RecordDisbursement' | 'RecordExpenditure', body: TransactionRequest) {
    const transactionId = body.transactionId ?? randomUUID();
    const data = {
      transactionId,
      amount: parseUsd(body.amount, 'amount'),
      valueDate: body.valueDate,
      ...(body.reference === undefined ? {} : { reference: body.reference }),
    };
    return this.sender.send(request, projectId, { type, data }, { body: { transactionId } });
  }
}
