import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import type { FundingLine } from '#domain';
import { RecordedCommandResponse } from '../../http/command.response.js';

/** A donor contribution as the API shows it (contributionView). */
export class ContributionFields {
  @ApiProperty({ example: 'c-2026-de' })
  contributionId!: string;

  @ApiProperty({ example: 'Government of Germany' })
  donor!: string;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  fundingLine!: FundingLine;

  @ApiProperty({ type: String, nullable: true, example: 'africa', description: 'Region the money is earmarked to; null when none' })
  earmarkedRegion!: string | null;

  @ApiProperty({ example: '250000.00', description: 'USD' })
  pledged!: string;

  @ApiProperty({ example: '100000.00', description: 'USD; only received money counts toward totals' })
  received!: string;
}

export class ContributionResponse extends ContributionFields {
  @ApiProperty({ example: 1, description: "The contribution stream's revision (also the ETag)" })
  revision!: number;
}

/** What a pledge answers. */
export class ContributionRecordedResponse extends IntersectionType(ContributionFields, RecordedCommandResponse) {}

/** What a receipt answers: the contribution and the receipt's id. */
export class ReceiptRecordedResponse extends ContributionRecordedResponse {
  @ApiProperty({ example: 'r-2026-05-02', description: 'The id you gave, or the one generated' })
  receiptId!: string;
}
