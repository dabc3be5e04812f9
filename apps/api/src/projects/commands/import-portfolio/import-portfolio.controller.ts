import { Body, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PortfolioImport } from '#ledger';
import { ReadableBy } from '../../../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../../../auth/auth.guard.js';
import { ProblemError } from '../../../http/problem.js';
import { AUTHENTICATED_CHANGE, ProblemResponses, WITH_BODY } from '../../../http/problem.response.js';

export class ImportPortfolioRequest {
  @ApiProperty({ example: 'portfolio-en.csv', description: 'The file name: its extension (.csv, .jsonl, .ndjson) says the format' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName!: string;

  @ApiProperty({ description: 'The whole file, as text (UTF-8)' })
  @IsString()
  @MaxLength(10_000_000)
  content!: string;
}

class ImportedLineResponse {
  @ApiProperty({ example: 2 }) line!: number;
  @ApiPropertyOptional({ example: 'PO.0143' }) projectId?: string;
  @ApiProperty({ enum: ['recorded', 'unchanged', 'corrected', 'refused'] }) outcome!: string;
  @ApiPropertyOptional({ example: 'import.unknown-country' }) code?: string;
  @ApiPropertyOptional({ example: 'no country is named "Atlantis"' }) reason?: string;
}

class ImportTotalsResponse {
  @ApiProperty() recorded!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() corrected!: number;
  @ApiProperty() refused!: number;
}

class ImportFileResponse {
  @ApiProperty() name!: string;
  @ApiProperty() sha256!: string;
}

export class ImportReportResponse {
  @ApiProperty({ type: ImportFileResponse }) file!: ImportFileResponse;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() importedBy!: string;
  @ApiProperty({ type: [ImportedLineResponse] }) lines!: ImportedLineResponse[];
  @ApiProperty({ type: ImportTotalsResponse }) totals!: ImportTotalsResponse;
  @ApiPropertyOptional({ description: 'Global position of the last event written; pass it as minPosition to read your writes' }) position?: string;
}

/** Admin: bring in the fund's published project list (README, "Bringing in the existing portfolio"). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('imports')
export class ImportPortfolioController {
  constructor(private readonly portfolioImport: PortfolioImport) {}

  @Post()
  @HttpCode(200)
  @ReadableBy('admin')
  @ApiOperation({
    summary: 'Import a published project list (CSV or JSON Lines, en/fr/es); ?dryRun=true records nothing',
    description: 'Admin. Each row is recorded as it stands (ProjectImported), corrected (ProjectImportCorrected), unchanged, or refused with its line, code and reason; the other rows still import. Importing the same file again records nothing.',
  })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOkResponse({ type: ImportReportResponse, description: 'What became of each row' })
  @ProblemResponses(AUTHENTICATED_CHANGE, WITH_BODY, 'import.unreadable-file')
  async import(@Req() request: AuthenticatedRequest, @Body() body: ImportPortfolioRequest, @Query('dryRun') dryRun?: string): Promise<ImportReportResponse> {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw new ProblemError(400, 'request.invalid', 'dryRun must be true or false');
    }
    return this.portfolioImport.run({ name: body.fileName, content: body.content }, request.actor, { dryRun: dryRun === 'true' });
  }
}
