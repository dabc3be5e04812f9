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

/** A workflow across streams that touched this envelope and is not finished yet (ADR 0017). */
export class PendingRepairResponse {
  @ApiProperty({ example: 'PO.0143' })
  projectId!: string;

  @ApiProperty({
    enum: ['reservation', 'release'],
    description: 'reservation: held for an approval or raising revision not (yet) recorded; release: owed after a recorded cancellation, closure or lowering',
  })
  kind!: 'reservation' | 'release';

  @ApiProperty({ example: 'approval', description: 'approval, budget-revision, cancellation or closure' })
  purpose!: string;

  @ApiProperty({ example: '37887.00', description: 'USD' })
  amount!: string;

  @ApiProperty({ example: '2026-03-02T10:00:00.000Z', description: 'When the workflow started; it is completed or compensated WORKFLOW_GRACE_MS after' })
  since!: string;

  @ApiProperty({ description: "The id of the event that started it; the repair's events carry it as metadata.compensates" })
  workflowId!: string;
}

export class EnvelopeResponse extends EnvelopeFields {
  @ApiProperty({ example: 2, description: "The envelope stream's revision (also the ETag)" })
  revision!: number;

  @ApiProperty({
    type: [PendingRepairResponse],
    description:
      'Workflows not finished yet, as far as the views have seen: `reserved` includes money held for them, which the process manager completes or compensates by itself. Empty when nothing is pending.',
  })
  pendingRepairs!: PendingRepairResponse[];
}

/** What opening or adjusting an envelope answers. */
export class EnvelopeRecordedResponse extends IntersectionType(EnvelopeFields, RecordedCommandResponse) {}
