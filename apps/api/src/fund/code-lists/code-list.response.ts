import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { CODE_LIST_NAMES } from '#domain';
import { RecordedCommandResponse } from '../../http/command.response.js';

export class CodeListEntryResponse {
  @ApiProperty({ example: 'asia-and-oceania', description: 'kebab-case code, stored in events' })
  code!: string;

  @ApiProperty({ example: 'Asia and Oceania' })
  label!: string;

  @ApiPropertyOptional({ example: 'Asia and the Pacific', description: 'Label shown to donors, when it differs (staff only: a donor gets the public label as `label`)' })
  publicLabel?: string;
}

/** A code list as the API shows it (codeListView). */
export class CodeListFields {
  @ApiProperty({ enum: CODE_LIST_NAMES, example: 'regions' })
  name!: string;

  @ApiProperty({ type: [CodeListEntryResponse] })
  entries!: CodeListEntryResponse[];
}

export class CodeListResponse extends CodeListFields {}

/** What adding an entry answers: the whole list after it. */
export class CodeListRecordedResponse extends IntersectionType(CodeListFields, RecordedCommandResponse) {}
