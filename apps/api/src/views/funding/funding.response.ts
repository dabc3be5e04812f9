import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Sums of a group of projects: USD strings; the delivery rate is spent over disbursed, in percent. */
export class FundingSumsResponse {
  @ApiProperty({ example: 3 }) projects!: number;
  @ApiProperty({ example: '250000.00' }) budget!: string;
  @ApiProperty({ example: '250000.00', description: 'Approved budgets as revised, less what closures, cancellations and later refunds released: per (year, line), the envelope\'s reserved' }) committed!: string;
  @ApiProperty({ example: '120000.00', description: 'Net of refunds' }) disbursed!: string;
  @ApiProperty({ example: '90000.00' }) spent!: string;
  @ApiProperty({ example: '1500.00', description: 'Unspent money returned' }) refunded!: string;
  @ApiProperty({ example: '30000.00', description: 'disbursed − spent, summed over the projects' }) unspentBalance!: string;
  @ApiProperty({ type: String, nullable: true, example: '75.00' }) deliveryRate!: string | null;
}

/** One group: the value grouped by is under the name of `groupBy`. */
export class FundingGroupResponse extends FundingSumsResponse {
  @ApiPropertyOptional({ example: 'asia-and-oceania' }) region?: string;
  @ApiPropertyOptional({ example: 'KG', description: "ISO 3166-1 alpha-2, or 'global' for projects without a beneficiary state" }) state?: string;
  @ApiPropertyOptional({ example: 'Kyrgyzstan', description: "By state: the country's name, or 'Global (cross-regional)'" }) label?: string;
  @ApiPropertyOptional({ example: 'labour-migration' }) type?: string;
  @ApiPropertyOptional({ example: 2026 }) year?: number;
  @ApiPropertyOptional({ example: 1 }) line?: number;
  @ApiPropertyOptional({ example: 'active' }) status?: string;
}

export class FundingSummaryResponse {
  @ApiProperty({ enum: ['region', 'state', 'type', 'year', 'line', 'status'] }) groupBy!: string;
  @ApiProperty({ type: [FundingGroupResponse] }) groups!: FundingGroupResponse[];
  @ApiProperty({ type: FundingSumsResponse, description: 'The groups add up to it to the cent' }) total!: FundingSumsResponse;
}

export class FundingSummariesResponse {
  @ApiProperty({ type: [FundingSummaryResponse], description: 'One per grouping named in groupBy, in that order' }) summaries!: FundingSummaryResponse[];
}

export class EnvelopeUseResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiProperty({ example: '1479887.00' }) amount!: string;
  @ApiProperty({ example: '37887.00' }) reserved!: string;
  @ApiProperty({ example: '30000.00' }) disbursed!: string;
  @ApiProperty({ example: '1442000.00' }) remaining!: string;
}

export class EnvelopeUsePage {
  @ApiProperty({ type: [EnvelopeUseResponse] }) items!: EnvelopeUseResponse[];
}

export class DonorSumsResponse {
  @ApiProperty({ example: 2 }) contributions!: number;
  @ApiProperty({ example: '250000.00' }) pledged!: string;
  @ApiProperty({ example: '100000.00' }) received!: string;
  @ApiProperty({ example: '150000.00' }) outstanding!: string;
}

export class DonorContributionResponse extends DonorSumsResponse {
  @ApiProperty({ example: 'Government of Germany' }) donor!: string;
}

export class DonorContributionsResponse {
  @ApiProperty({ type: [DonorContributionResponse] }) donors!: DonorContributionResponse[];
  @ApiProperty({ type: DonorSumsResponse }) total!: DonorSumsResponse;
}
