import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const MAP = { type: 'object', additionalProperties: true } as const;

/** One recorded event (toEventView): as stored, with its metadata and hash-chain fields. */
export class RecordedEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ProjectDrafted' }) type!: string;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: '763-3' }) position!: string;
  @ApiProperty({ example: '2024-03-05', description: 'The business date it happened on; for an event recorded before business dates, the UTC date of its `at`' }) effectiveOn!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z', description: 'The instant it was recorded at (metadata.recordedAt)' }) recordedAt!: string;
  @ApiProperty({ ...MAP, description: "The event's data in its schema version's shape, money as a decimal string of USD and shares as a decimal string of percent (the hash covers the event as stored: integer cents, basis points)" }) data!: Record<string, unknown>;
  @ApiProperty({ ...MAP, description: 'actorId, actorRole, recordedAt, correlationId, causationId, reason, schemaVersion, previousHash, hash' }) metadata!: Record<string, unknown>;
}

export class ProjectEventsPage {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ type: [RecordedEventResponse] }) events!: RecordedEventResponse[];
  @ApiProperty({ type: Number, nullable: true, description: 'fromRevision of the next page; null on the last' }) nextFromRevision!: number | null;
}

/** The result of re-computing a project's hash chain. */
export class ChainVerificationResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ example: 12, description: 'Events verified' }) events!: number;
  @ApiProperty({ example: true }) intact!: boolean;
  @ApiPropertyOptional({ ...MAP, description: 'The first event whose hash does not match, when not intact' }) firstBreak?: Record<string, unknown>;
  @ApiProperty({ description: "The last event's hash: keep it to anchor the chain" }) lastHash!: string;
}
