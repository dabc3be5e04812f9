import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How far one view is behind the feed, and its runner's state when it runs in this process. */
export class ProjectionHealthResponse {
  @ApiProperty({ example: 'portfolio' }) projection!: string;
  @ApiProperty({ example: 1 }) generation!: number;
  @ApiProperty({ type: String, nullable: true, example: '835-19' }) checkpoint!: string | null;
  @ApiProperty({ example: 0 }) eventsBehind!: number;
  @ApiProperty({ description: 'eventsBehind is a lower bound (counting stopped early)' }) atLeast!: boolean;
  @ApiProperty({ example: 0 }) secondsBehind!: number;
  @ApiPropertyOptional({ example: 'caught-up' }) state?: string;
  @ApiPropertyOptional({ example: 0 }) failures?: number;
  @ApiPropertyOptional() lastError?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: a projection is failing (its views stop moving)' }) status!: string;
  @ApiProperty({ enum: ['up'] }) eventStore!: string;
  @ApiProperty({ enum: ['up'] }) readStore!: string;
  @ApiProperty() projectorInProcess!: boolean;
  @ApiProperty({ type: [ProjectionHealthResponse] }) projections!: ProjectionHealthResponse[];
}
