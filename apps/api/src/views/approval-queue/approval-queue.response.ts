import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WAITING_KINDS } from '#domain';

const MAP = { type: 'object', additionalProperties: true } as const;

export class RequestedBudgetResponse {
  @ApiProperty({ example: '42000.00' }) total!: string;
  @ApiProperty({ example: '12000.00' }) staffAndOfficeCosts!: string;
  @ApiProperty({ example: '30000.00' }) operationalCosts!: string;
}

export class QueueDecisionResponse {
  @ApiProperty({ example: 'ApproveBudgetRevision', description: 'The command that makes the awaited decision' }) command!: string;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/projects/PO.0143/budget-revisions/rev-1/approve' }) path!: string;
}

export class QueueRefusalResponse {
  @ApiProperty({ example: 'approval.four-eyes', description: 'The code the command would be refused with: auth.role-not-allowed or approval.four-eyes' }) code!: string;
  @ApiProperty({ example: 'fm-aigul requested this budget revision and so cannot approve it: a second person must decide' }) detail!: string;
}

export class ApprovalQueueItemResponse {
  @ApiProperty({ example: 'PO.0143' }) projectId!: string;
  @ApiProperty({ ...MAP, description: 'By language' }) title!: Record<string, string>;
  @ApiProperty({ example: 'active', description: "The project's status" }) status!: string;
  @ApiProperty({ enum: WAITING_KINDS, description: 'What waits: a proposal to endorse, to approve, a retained proposal, a budget revision, a no-cost extension, a report' }) kind!: string;
  @ApiProperty({ enum: ['endorsement', 'approval', 'acceptance'], description: 'The decision awaited' }) awaiting!: string;
  @ApiProperty({ example: '2026-01-20T09:00:00.000Z', description: 'Since the submission, endorsement, retention, request or report (business time)' }) waitingSince!: string;
  @ApiProperty({ example: 3 }) waitingDays!: number;
  @ApiProperty({ example: 259200 }) waitingSeconds!: number;
  @ApiProperty({ example: '37887.00', description: "The project's budget, as approved or proposed" }) budget!: string;
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: [1, 2] }) fundingLine!: number;
  @ApiProperty({ example: 'asia-and-oceania' }) region!: string;
  @ApiProperty({ enum: ['national', 'regional', 'global'] }) coverage!: string;
  @ApiPropertyOptional({ example: 'rev-1', description: 'The budget revision or extension waiting' }) requestId?: string;
  @ApiPropertyOptional({ example: 'interim-1', description: 'The report waiting' }) reportId?: string;
  @ApiPropertyOptional({ enum: ['interim', 'final-narrative', 'final-financial'] }) reportKind?: string;
  @ApiPropertyOptional({ type: RequestedBudgetResponse, description: 'A budget revision: the budget asked for' }) requestedBudget?: RequestedBudgetResponse;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'An extension: the end date it would move' }) currentEndDate?: string;
  @ApiPropertyOptional({ example: '2028-06-30', description: 'An extension: the end date asked for' }) newEndDate?: string;
  @ApiPropertyOptional({ description: 'Why the revision or extension is asked for' }) reason?: string;
  @ApiPropertyOptional({ example: 'fm-aigul', description: 'A proposal: who drafted it' }) draftedBy?: string;
  @ApiPropertyOptional({ example: 'fm-bakyt', description: 'A proposal or a report: who submitted it' }) submittedBy?: string;
  @ApiPropertyOptional({ example: 'ap-chen', description: 'An endorsed or retained proposal: who endorsed it' }) endorsedBy?: string;
  @ApiPropertyOptional({ example: 'fm-aigul', description: 'A revision or extension: who requested it' }) requestedBy?: string;
  @ApiProperty({ type: QueueDecisionResponse, description: 'Where to send the awaited decision' }) decision!: QueueDecisionResponse;
  @ApiProperty({ description: 'Whether the caller may make the awaited decision (role, four eyes)' }) mayAct!: boolean;
  @ApiPropertyOptional({ type: QueueRefusalResponse, description: 'When mayAct is false: why' }) refusal?: QueueRefusalResponse;
}

export class ApprovalQueuePage {
  @ApiProperty({ type: [ApprovalQueueItemResponse] }) items!: ApprovalQueueItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last' }) nextCursor!: string | null;
}
