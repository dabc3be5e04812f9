import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { Coverage, FundingLine } from '#domain';
import { BusinessDateRequest } from '../../../http/business-date.request.js';

/**
 * Request bodies check shape only (types, required fields, sizes that protect the server);
 * every business rule — id formats, code lists, ceilings, shares — is the domain's.
 */
export class BudgetRequest {
  @ApiProperty({ example: '9000.00', description: 'Staff and office costs, USD (rule 2: at most 30 % of the total)' })
  @IsString()
  @MaxLength(20)
  staffAndOfficeCosts!: string;

  @ApiProperty({ example: '28887.00', description: 'Operational costs, USD' })
  @IsString()
  @MaxLength(20)
  operationalCosts!: string;
}

export class BeneficiaryStateRequest {
  @ApiProperty({ example: 'KG', description: 'ISO 3166-1 alpha-2 code' })
  @IsString()
  @MaxLength(2)
  code!: string;

  @ApiPropertyOptional({ example: '50', description: 'Share in percent; omit on every state for an equal split' })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  share?: string;
}

export class ProposalRequest extends BusinessDateRequest {
  @ApiProperty({ example: 'KG10P0501' })
  @IsString()
  @MaxLength(40)
  primaId!: string;

  @ApiProperty({ example: { en: 'Strengthening migration policy in Kyrgyzstan', ru: 'Укрепление миграционной политики' } })
  @IsObject()
  title!: Record<string, string>;

  @ApiProperty({ example: { en: 'Support to the State Migration Service.' } })
  @IsObject()
  description!: Record<string, string>;

  @ApiProperty({ example: 'policy-and-legal-framework-development', description: 'Code from the thematic-areas code list' })
  @IsString()
  @MaxLength(80)
  thematicArea!: string;

  @ApiProperty({ enum: ['national', 'regional', 'global'] })
  @IsIn(['national', 'regional', 'global'])
  coverage!: Coverage;

  @ApiProperty({ enum: [1, 2] })
  @IsIn([1, 2])
  fundingLine!: FundingLine;

  @ApiProperty({ example: 'asia-and-oceania', description: 'Code from the regions code list' })
  @IsString()
  @MaxLength(80)
  region!: string;

  @ApiProperty({ type: [BeneficiaryStateRequest] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BeneficiaryStateRequest)
  beneficiaryStates!: BeneficiaryStateRequest[];

  @ApiProperty({ example: '2019-03-01' })
  @IsString()
  @MaxLength(10)
  plannedStartDate!: string;

  @ApiProperty({ example: '2020-02-29' })
  @IsString()
  @MaxLength(10)
  plannedEndDate!: string;

  @ApiProperty({ example: 2019 })
  @IsInt()
  year!: number;

  @ApiProperty({ type: BudgetRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetRequest)
  budget!: BudgetRequest;
}

export class DraftProjectRequest extends ProposalRequest {
  @ApiProperty({ example: 'PO.0143', description: 'Unique, never changes' })
  @IsString()
  @MaxLength(20)
  projectId!: string;
}
