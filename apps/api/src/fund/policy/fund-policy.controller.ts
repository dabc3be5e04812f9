import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { formatUsd, STAFF_AND_OFFICE_COSTS_MAX_PERCENT, type Coverage, type FundPolicy } from '#domain';
import { FundCalendar, FundPolicySource } from '#ledger';
import { ReadableBy } from '../../auth/access.decorators.js';
import { ProblemResponses, STORE_QUERY } from '../../http/problem.response.js';
import { FundPolicyResponse } from './fund-policy.response.js';

/**
 * The policy the commands are decided under, for forms that check a proposal before
 * sending it. The amounts come from the same FundPolicySource the commands use, and the
 * staff-cost limit is the domain's own constant, so a form can never disagree with the
 * server about what it will refuse.
 */
@ApiTags('fund')
@ApiBearerAuth()
@Controller('fund/policy')
export class FundPolicyController {
  constructor(
    private readonly policies: FundPolicySource,
    private readonly calendar: FundCalendar,
  ) {}

  @Get()
  @ReadableBy('fund-manager', 'approver', 'finance-officer', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The fund\'s policy: ceilings, floors, the staff-cost limit and today',
    description: 'Staff and auditors. Ceilings per funding line and coverage and floors per coverage as configured (rule 3), in USD; the staff and office cost limit of rule 2; the fund\'s time zone and its date now.',
  })
  @ApiOkResponse({ type: FundPolicyResponse, description: 'The policy' })
  @ProblemResponses(STORE_QUERY)
  async get(): Promise<FundPolicyResponse> {
    return fundPolicyView(await this.policies.current(), this.calendar.timeZone, this.calendar.dateAt(new Date().toISOString()));
  }
}

const byCoverage = (amounts: Record<Coverage, number>) => ({
  national: formatUsd(amounts.national),
  regional: formatUsd(amounts.regional),
  global: formatUsd(amounts.global),
});

/** The policy as the API shows it: cents as decimal strings of USD, fields listed one by one. */
export function fundPolicyView(policy: FundPolicy, timeZone: string, today: string): FundPolicyResponse {
  return {
    ceilings: { '1': byCoverage(policy.ceilings[1]), '2': byCoverage(policy.ceilings[2]) },
    floors: byCoverage(policy.floors),
    staffAndOfficeCostsMaxPercent: STAFF_AND_OFFICE_COSTS_MAX_PERCENT,
    timeZone,
    today,
  };
}
