import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_STATUSES } from '#domain';
import { BudgetWarningResponse, ShareResponse } from '../../projects/queries/get-project/project-record.response.js';

const MAP = { type: 'object', additionalProperties: true } as const;

export class StateSplitResponse {
  @ApiProperty({ example: 'KG' }) state!: string;
  @ApiProperty({ example: '37887.00' }) budget!: string;
  @ApiProperty({ example: '37887.00' }) committed!: string;
  @ApiProperty({ example: '30000.00' }) disbursed!: string;
  @ApiProperty({ example: '29500.00' }) spent!: string;
  @ApiProperty({ example: '500.00' }) refunded!: string;
  @ApiProperty({ example: '0.00' }) unspentBalance!: string;
}

export class PublicTransactionResponse {
  @ApiProperty({ enum: ['disbursement', 'expenditure', 'refund'] }) kind!: string;
  @ApiProperty({ example: '30000.00' }) amount!: string;
  @ApiProperty({ example: '2026-02-01' }) valueDate!: string;
}

/**
 * A project of the portfolio view (projectView): what everyone sees. Donors see these fields
 * only, of projects the fund has committed money to; staff also see `internal` and the times
 * of each step.
 */
export class ProjectCardResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ example: 'KG10P0501' }) primaId!: string;
  @ApiProperty({ ...MAP, description: 'By language' }) title!: Record<string, string>;
  @ApiProperty({ ...MAP, description: 'By language' }) description!: Record<string, string>;
  @ApiProperty({ example: 'policy-and-legal-framework-development' }) thematicArea!: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) coverage!: string;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiProperty({ example: 'asia-and-oceania' }) region!: string;
  @ApiProperty({ type: [ShareResponse] }) beneficiaryStates!: ShareResponse[];
  @ApiProperty({ type: [String], example: ['KG'] }) stateCodes!: string[];
  @ApiProperty({ example: '2026-01-01' }) plannedStartDate!: string;
  @ApiProperty({ example: '2027-12-31' }) plannedEndDate!: string;
  @ApiProperty({ example: '2027-12-31' }) currentEndDate!: string;
  @ApiPropertyOptional({ example: '2026-03-01' }) actualStartDate?: string;
  @ApiPropertyOptional({ example: '2027-12-20' }) actualEndDate?: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: string;
  @ApiProperty({ example: 2 }) iatiActivityStatus!: number;
  @ApiProperty({ example: '37887.00' }) budget!: string;
  @ApiProperty({ example: '9000.00' }) staffAndOfficeCosts!: string;
  @ApiProperty({ example: '28887.00' }) operationalCosts!: string;
  @ApiProperty({ example: '29500.00', description: 'The approved budget as revised, less what closure, cancellation and later refunds released (after closure: the net disbursed)' }) committed!: string;
  @ApiProperty({ example: '29500.00', description: 'Net of refunds' }) disbursed!: string;
  @ApiProperty({ example: '29500.00' }) spent!: string;
  @ApiProperty({ example: '500.00', description: 'Unspent money returned (negative disbursements)' }) refunded!: string;
  @ApiProperty({ example: '0.00', description: 'disbursed − spent: what the partner still holds' }) unspentBalance!: string;
  @ApiProperty({ type: String, nullable: true, example: '98.33', description: 'spent over disbursed, percent' }) deliveryRate!: string | null;
  @ApiProperty({ type: [StateSplitResponse], description: "The project's money split over its beneficiary states by their shares" }) splits!: StateSplitResponse[];
  @ApiProperty({ type: [PublicTransactionResponse] }) transactionsPublic!: PublicTransactionResponse[];
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z' }) statusChangedAt!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z' }) lastEventAt!: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiProperty({ example: 11, description: "The project stream's revision the view has applied" }) revision!: number;
  @ApiPropertyOptional({ ...MAP, description: 'Staff only: who did what, endorsements, focal point, reports, transactions, pending requests' }) internal?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Staff only' }) draftedAt?: string;
  @ApiPropertyOptional({ description: 'Staff only' }) submittedAt?: string;
  @ApiPropertyOptional({ description: 'Staff only' }) endorsedAt?: string;
  @ApiPropertyOptional({ description: 'Staff only, the card alone', type: [BudgetWarningResponse] }) warnings?: BudgetWarningResponse[];
}

export class PortfolioPage {
  @ApiProperty({ type: [ProjectCardResponse] }) items!: ProjectCardResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last' }) nextCursor!: string | null;
}
