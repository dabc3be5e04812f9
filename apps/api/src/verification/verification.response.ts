import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CheckpointReferenceResponse {
  @ApiProperty({ example: 'checkpoint-00000000000000012345-20260301T100000000Z.json' }) name!: string;
  @ApiProperty({ example: '12345', description: 'Last global position the checkpoint covers' }) upTo!: string;
  @ApiProperty({ example: '2026-03-01T10:00:00.000Z' }) signedAt!: string;
}

/** The answer of POST /verification/anchors. */
export class SignedCheckpointResponse {
  @ApiProperty({ type: CheckpointReferenceResponse }) checkpoint!: CheckpointReferenceResponse;
  @ApiProperty({ example: '12340', description: 'Events stored up to `upTo`' }) events!: string;
  @ApiProperty({ example: '/var/lib/portfolio-ledger/anchors' }) directory!: string;
}

/** The last line of GET /verification. */
export class VerificationSummaryResponse {
  @ApiProperty() intact!: boolean;
  @ApiProperty({ example: 12340 }) events!: number;
  @ApiProperty({ example: 1203 }) streams!: number;
  @ApiProperty({ example: '12345' }) upTo!: string;
  @ApiProperty({ example: 0 }) breaks!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: {} }) breaksByKind!: Record<string, number>;
  @ApiProperty({ example: { verified: 24, latest: null } }) checkpoints!: { verified: number; latest: CheckpointReferenceResponse | null };
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, example: [] }) gapsSignedAbsent!: [string, string][];
}

/** One file of ANCHOR_DIR: the checkpoint as written (signature unchecked), or why it could not be read. */
export class AnchorFileResponse {
  @ApiProperty({ example: 'checkpoint-00000000000000012345-20260301T100000000Z.json' }) name!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'format, signedAt, upTo, events, absent, heads, keyId and signature: the signature covers the canonical JSON of every other field',
  })
  checkpoint?: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'not JSON: Unexpected end of JSON input' }) unreadable?: string;
}

/** The answer of GET /verification/anchors. */
export class AnchorListResponse {
  @ApiProperty({ example: 24, description: 'Checkpoint files in ANCHOR_DIR' }) total!: number;
  @ApiProperty({ type: String, nullable: true, description: "SHA-256 (hex) of the service's public key (SPKI DER); null when it signs none" }) keyId!: string | null;
  @ApiProperty({ type: [AnchorFileResponse], description: 'Newest first' }) anchors!: AnchorFileResponse[];
}
