import { ApiProperty } from '@nestjs/swagger';

const MAP = { type: 'object', additionalProperties: true } as const;

export class ApprovalQueueItemResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ ...MAP, description: 'By language' }) title!: Record<string, string>;
  @ApiProperty({ example: 'submitted' }) status!: string;
  @ApiProperty({ enum: ['endorsement', 'approval'] }) awaiting!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z' }) waitingSince!: string;
  @ApiProperty({ example: 3 }) waitingDays!: number;
  @ApiProperty({ example: 259200 }) waitingSeconds!: number;
  @ApiProperty({ example: '37887.00' }) budget!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiProperty({ example: 'asia-and-oceania' }) region!: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) coverage!: string;
}

export class ApprovalQueuePage {
  @ApiProperty({ type: [ApprovalQueueItemResponse] }) items!: ApprovalQueueItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last' }) nextCursor!: string | null;
}
