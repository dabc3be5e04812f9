import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Any JSON value: a field's value before or after an event. */
const ANY_VALUE = { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }] };

export class FieldChangeResponse {
  @ApiProperty({ example: 'status' }) field!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'null when the field did not exist' }) before!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'null when the event removed it' }) after!: unknown;
}

/** One event of the audit trail: who, role, when, why and what it changed. */
export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ProjectApproved' }) type!: string;
  @ApiProperty({ example: 'project-PO.0143' }) streamId!: string;
  @ApiProperty({ enum: ['project', 'envelope', 'contribution', 'code-list', 'prima-id'] }) subjectType!: string;
  @ApiProperty({ example: 'PO.0143' }) subjectId!: string;
  @ApiProperty({ example: 4 }) revision!: number;
  @ApiProperty({ example: '780-8' }) position!: string;
  @ApiProperty({ description: 'Sort key of the feed order' }) feedOrder!: string;
  @ApiProperty({ example: 'arturo' }) actorId!: string;
  @ApiProperty({ example: 'approver' }) actorRole!: string;
  @ApiProperty({ example: '2024-03-05', description: 'The business date it happened on (effectiveOn); for an event recorded before business dates, the UTC date of recordedAt' }) effectiveOn!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z', description: 'The instant it was recorded at' }) recordedAt!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiProperty({ type: [FieldChangeResponse] }) changes!: FieldChangeResponse[];
}

export class AuditTrailPage {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last' }) nextCursor!: string | null;
}
