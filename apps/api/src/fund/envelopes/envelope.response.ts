import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import type { FundingLine } from '#domain';
import { RecordedCommandResponse } from '../../http/command.response.js';

/** An envelope as the API shows it (envelopeView): money as decimal strings of USD. */
export class EnvelopeFields {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  fundingLine!: FundingLine;

  @ApiProperty({ example: '1479887.00', description: 'Its size, USD' })
  amount!: string;

  @ApiProperty({ example: '37887.00', description: 'Reserved by approved projects, USD' })
  reserved!: string;

  @ApiProperty({ example: '1442000.00', description: 'What approvals may still reserve, USD' })
  available!: string;
}

export class EnvelopeResponse extends EnvelopeFields {
  @ApiProperty({ example: 2, description: "The envelope stream's revision (also the ETag)" })
  revision!: number;
}

/** What opening or adjusting an envelope answers. */
export class EnvelopeRecordedResponse extends IntersectionType(EnvelopeFields, RecordedCommandResponse) {}
