import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_STATUSES } from '#domain';

const MAP = { type: 'object', additionalProperties: true } as const;

export class ShareResponse {
  @ApiProperty({ example: 'KG' })
  code!: string;

  @ApiProperty({ example: '100.00', description: 'Percent' })
  share!: string;
}

export class BudgetResponse {
  @ApiProperty({ example: '37887.00' })
  total!: string;

  @ApiProperty({ example: '9000.00' })
  staffAndOfficeCosts!: string;

  @ApiProperty({ example: '28887.00' })
  operationalCosts!: string;
}

export class ProjectMoneyResponse {
  @ApiProperty({ example: '37887.00', description: 'The approved budget as revised (budget.total), less what closure, cancellation and later refunds released: after closure, the net disbursed' }) committed!: string;
  @ApiProperty({ example: '30000.00', description: 'Net of refunds' }) disbursed!: string;
  @ApiProperty({ example: '29500.00' }) spent!: string;
  @ApiProperty({ example: '7887.00' }) undisbursed!: string;
  @ApiProperty({ example: '0.00', description: 'Unspent money returned (negative disbursements)' }) refunded!: string;
  @ApiProperty({ example: '500.00', description: 'disbursed − spent: what the partner still holds' }) unspentBalance!: string;
}

export class ProjectTransactionResponse {
  @ApiProperty({ example: 't1' }) transactionId!: string;
  @ApiProperty({ enum: ['disbursement', 'expenditure', 'refund'] }) kind!: string;
  @ApiProperty({ example: '30000.00', description: 'USD, as corrected' }) amount!: string;
  @ApiProperty({ example: '2026-02-01' }) valueDate!: string;
}

export class BudgetWarningResponse {
  @ApiProperty({ example: 'budget.below-usual-floor' }) code!: string;
  @ApiProperty() detail!: string;
}

/** A command the caller may send now (see the domain's availableCommands), and where to send it. */
export class AllowedCommandResponse {
  @ApiProperty({ example: 'ApproveBudgetRevision', description: 'The command' }) command!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/projects/PO.0143/budget-revisions/rev-1/approve', description: 'Where to send it, parameters filled in' }) path!: string;
  @ApiPropertyOptional({ example: 'rev-1', description: 'The budget revision or extension it decides' }) requestId?: string;
  @ApiPropertyOptional({ example: 'interim-1', description: 'The report it decides' }) reportId?: string;
  @ApiPropertyOptional({ example: 't1', description: 'The transaction it corrects' }) transactionId?: string;
  @ApiPropertyOptional({ enum: ['interim', 'final-narrative', 'final-financial'], description: 'SubmitReport: the kind of report that may be submitted now' }) reportKind?: string;
}

/** The project folded from its events (toProjectRecord): money as USD strings, shares in percent. */
export class ProjectRecordResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ example: 'KG10P0501' }) primaId!: string;
  @ApiProperty({ ...MAP, example: { en: 'Migration policy support' }, description: 'By language' }) title!: Record<string, string>;
  @ApiProperty({ ...MAP, description: 'By language' }) description!: Record<string, string>;
  @ApiProperty({ example: 'policy-and-legal-framework-development' }) thematicArea!: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) coverage!: string;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiProperty({ example: 'asia-and-oceania' }) region!: string;
  @ApiProperty({ example: '2026-01-01' }) plannedStartDate!: string;
  @ApiProperty({ example: '2027-12-31' }) plannedEndDate!: string;
  @ApiProperty({ example: '2027-12-31', description: 'As moved by approved extensions' }) currentEndDate!: string;
  @ApiPropertyOptional({ example: '2026-03-01' }) actualStartDate?: string;
  @ApiPropertyOptional({ example: '2027-12-20' }) actualEndDate?: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: string;
  @ApiPropertyOptional({ description: 'Why it is rejected, returned, suspended or cancelled, while it is' }) statusReason?: string;
  @ApiProperty({ example: 2, description: 'IATI activity status code' }) iatiActivityStatus!: number;
  @ApiProperty({ type: [ShareResponse] }) beneficiaryStates!: ShareResponse[];
  @ApiProperty({ type: BudgetResponse }) budget!: BudgetResponse;
  @ApiProperty({ type: ProjectMoneyResponse }) money!: ProjectMoneyResponse;
  @ApiProperty({ type: [ProjectTransactionResponse] }) transactions!: ProjectTransactionResponse[];
  @ApiProperty({ ...MAP, description: 'By beneficiary state: endorsedOn, authority, recordedBy' }) governmentEndorsements!: Record<string, unknown>;
  @ApiProperty({ ...MAP, description: 'By report id: kind, status, who and when' }) reports!: Record<string, unknown>;
  @ApiPropertyOptional({ ...MAP, description: 'name, organisation, email' }) focalPoint?: Record<string, unknown>;
  @ApiPropertyOptional({ ...MAP, description: 'requestId, budget (USD strings), requestedBy, reason, requestedAt' }) pendingBudgetRevision?: Record<string, unknown>;
  @ApiPropertyOptional({ ...MAP, description: 'requestId, newEndDate, requestedBy, reason, requestedAt' }) pendingNoCostExtension?: Record<string, unknown>;
  @ApiProperty({ type: [String] }) decidedRequestIds!: string[];
  @ApiProperty() draftedBy!: string;
  @ApiProperty() draftedAt!: string;
  @ApiProperty() statusChangedAt!: string;
  @ApiPropertyOptional() submittedBy?: string;
  @ApiPropertyOptional() submittedAt?: string;
  @ApiPropertyOptional() endorsedBy?: string;
  @ApiPropertyOptional() endorsedAt?: string;
  @ApiPropertyOptional() retainedAt?: string;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional({ example: '2024-01-10', description: 'Business date of the draft (the *At fields are when each step was recorded)' }) draftedOn?: string;
  @ApiPropertyOptional({ example: '2024-02-01', description: 'Business date of the latest submission' }) submittedOn?: string;
  @ApiPropertyOptional({ example: '2024-02-20', description: "Business date of the approver's endorsement" }) endorsedOn?: string;
  @ApiPropertyOptional({ example: '2024-02-25', description: 'Business date it was retained' }) retainedOn?: string;
  @ApiPropertyOptional({ example: '2024-03-05', description: 'Business date of the approval' }) approvedOn?: string;
  @ApiPropertyOptional({ example: '2024-03-05', description: 'Business date of the last status change' }) statusChangedOn?: string;
  @ApiPropertyOptional({ ...MAP, example: { type: 'ProjectApproved', effectiveOn: '2024-03-05' }, description: 'The latest step and its business date: the next command may not be dated before it' }) latestStep?: Record<string, unknown>;
  @ApiProperty({ type: [BudgetWarningResponse], description: 'Allowed but unusual (e.g. below the usual floor)' }) warnings!: BudgetWarningResponse[];
  @ApiProperty({ example: 11, description: "The project stream's revision (also the ETag)" }) revision!: number;
  @ApiProperty({
    type: [AllowedCommandResponse],
    description:
      "The commands the caller may send now: by the token's roles, the project's status, four eyes (rule 6) and what the project's state decides (endorsements before submission, the focal point before starting, accepted reports before closing, no pending request before completing or asking again, one entry per pending request, submitted report or transaction). Empty with asOf. What depends on the command's data, the envelope or the clock (amounts, room, rule 10's deadline) is still judged when it is sent.",
  })
  allowedCommands!: AllowedCommandResponse[];
}
