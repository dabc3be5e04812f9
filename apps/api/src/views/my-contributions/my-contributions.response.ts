import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MyReceiptResponse {
  @ApiProperty({ example: 'R-1' }) receiptId!: string;
  @ApiProperty({ example: '100000.00' }) amount!: string;
  @ApiProperty({ example: '2026-03-01' }) receivedOn!: string;
}

/** One of the organisation's contributions: pledged, then received (only received money is attributed). */
export class MyContributionResponse {
  @ApiProperty({ example: 'NO-2026-1' }) contributionId!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiPropertyOptional({ example: 'africa' }) earmarkedRegion?: string;
  @ApiProperty({ example: '250000.00' }) pledged!: string;
  @ApiProperty({ example: '100000.00' }) received!: string;
  @ApiProperty({ example: '150000.00' }) outstanding!: string;
  @ApiProperty({ type: [MyReceiptResponse] }) receipts!: MyReceiptResponse[];
}

export class MyTotalsResponse {
  @ApiProperty({ example: '250000.00' }) pledged!: string;
  @ApiProperty({ example: '100000.00' }) received!: string;
  @ApiProperty({ example: '150000.00' }) outstanding!: string;
}

/** A project funded from an envelope the organisation fed: its public fields and the organisation's part of its commitment. */
export class FundedProjectResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ example: { en: 'Strengthening migration policy in Kyrgyzstan' } }) title!: Record<string, string>;
  @ApiProperty({ example: 'policy-and-legal-framework-development' }) thematicArea!: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) coverage!: string;
  @ApiProperty({ example: 'asia-and-oceania' }) region!: string;
  @ApiProperty({ example: ['KG'] }) stateCodes!: string[];
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ example: '37887.00', description: "The project's commitment" }) committed!: string;
  @ApiProperty({ example: '12629.00', description: "The organisation's part of it: received × committed / max(envelope receipts, envelope commitments)" }) attributed!: string;
}

/** Where the organisation's receipts into one envelope (year, line; earmarked region) went. */
export class EnvelopeAttributionResponse {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiPropertyOptional({ example: 'africa', description: 'Earmarked money is attributed to projects of this region only' }) earmarkedRegion?: string;
  @ApiProperty({ example: '100000.00', description: 'X: what the organisation gave into it (received)' }) received!: string;
  @ApiProperty({ example: '300000.00', description: "R: every donor's receipts into the envelope" }) envelopeReceipts!: string;
  @ApiProperty({ example: '33.33', description: 'X / R in percent, rounded for display' }) shareOfReceipts!: string;
  @ApiProperty({ type: [FundedProjectResponse] }) projects!: FundedProjectResponse[];
  @ApiProperty({ example: '66667.00', description: 'The rest of X: the projects and this add up to received, to the cent' }) notYetCommitted!: string;
}

export class MyContributionsResponse {
  @ApiProperty({ example: 'Government of Norway' }) organisation!: string;
  @ApiProperty({ type: [MyContributionResponse] }) contributions!: MyContributionResponse[];
  @ApiProperty({ type: MyTotalsResponse }) total!: MyTotalsResponse;
  @ApiProperty({ type: [EnvelopeAttributionResponse] }) whereItWent!: EnvelopeAttributionResponse[];
}
