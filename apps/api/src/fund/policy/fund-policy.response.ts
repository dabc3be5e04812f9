import { ApiProperty } from '@nestjs/swagger';

/** A ceiling or floor per coverage, USD as decimal strings. */
export class AmountsByCoverage {
  @ApiProperty({ example: '100000.00' })
  national!: string;

  @ApiProperty({ example: '200000.00' })
  regional!: string;

  @ApiProperty({ example: '200000.00' })
  global!: string;
}

export class CeilingsByLine {
  @ApiProperty({ type: AmountsByCoverage, description: 'Funding line 1' })
  '1'!: AmountsByCoverage;

  @ApiProperty({ type: AmountsByCoverage, description: 'Funding line 2' })
  '2'!: AmountsByCoverage;
}

/** GET /fund/policy: what a proposal form checks before sending (rules 2 and 3). */
export class FundPolicyResponse {
  @ApiProperty({ type: CeilingsByLine, description: 'Rule 3: the most a budget may total, per funding line and coverage (configured), USD' })
  ceilings!: CeilingsByLine;

  @ApiProperty({ type: AmountsByCoverage, description: 'Rule 3: budgets below these are allowed but flagged, per coverage (configured), USD' })
  floors!: AmountsByCoverage;

  @ApiProperty({ example: 30, description: 'Rule 2: staff and office costs are at most this percentage of the total budget' })
  staffAndOfficeCostsMaxPercent!: number;

  @ApiProperty({ example: 'Europe/Zurich', description: 'The fund\'s time zone (FUND_TIME_ZONE): business dates are its dates' })
  timeZone!: string;

  @ApiProperty({ example: '2026-03-05', description: 'The fund\'s date now, in its time zone' })
  today!: string;
}
