import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { BusinessDateRequest } from './business-date.request.js';

/** Body of a command whose only input is why (required by the domain where rule 13 says so). */
export class ReasonRequest extends BusinessDateRequest {
  @ApiPropertyOptional({ example: 'Budget lines do not match the work plan', description: 'Why; required to reject, return, suspend, cancel and correct' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}
