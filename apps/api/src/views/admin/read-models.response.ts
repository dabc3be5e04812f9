import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const MAP = { type: 'object', additionalProperties: true } as const;

export class ProjectionStatusResponse {
  @ApiProperty({ example: 'portfolio' }) projection!: string;
  @ApiProperty({ example: 1 }) generation!: number;
  @ApiProperty({ example: 'caught-up' }) state!: string;
  @ApiProperty({ type: String, nullable: true, example: '835-19' }) checkpoint!: string | null;
  @ApiProperty({ example: 18 }) eventsApplied!: number;
  @ApiProperty({ example: 0 }) failures!: number;
  @ApiPropertyOptional() lastError?: string;
}

export class ReadModelsStatusResponse {
  @ApiProperty({ type: [ProjectionStatusResponse] }) projections!: ProjectionStatusResponse[];
}

/** A rebuild job (RebuildJobs): followed by its id. */
export class RebuildJobResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: [String], example: ['portfolio'] }) projections!: string[];
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) state!: string;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional() error?: string;
  @ApiProperty({ ...MAP, description: 'By projection: generation, state, eventsDone, eventsPerSecond, checkpoint, target' }) progress!: Record<string, unknown>;
}
