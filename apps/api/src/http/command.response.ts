import { ApiProperty } from '@nestjs/swagger';

/**
 * What every command answers besides its own fields (CommandResult.recorded): the stream's
 * new revision (also the `ETag`) and the global position written, for read-your-writes.
 */
export class RecordedCommandResponse {
  @ApiProperty({ type: Number, nullable: true, example: 4, description: "The stream's revision after the command (also the ETag); null when nothing was written to a stream" })
  revision!: number | null;

  @ApiProperty({ type: String, nullable: true, example: '780-8', description: 'The global position written: pass it as minPosition to a query (read-your-writes)' })
  position!: string | null;
}

/** The headers a command answers with. */
export const RECORDED_HEADERS = {
  ETag: { description: "The stream's revision, quoted: send it as If-Match", schema: { type: 'string', example: '"4"' } },
};

/** The headers a command that creates answers with. */
export const CREATED_HEADERS = {
  ...RECORDED_HEADERS,
  Location: { description: 'Where the new resource is read', schema: { type: 'string', example: '/projects/PO.0143' } },
};
