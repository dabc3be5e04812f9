import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_STATUSES, type ProjectStatus } from '#domain';
import { RecordedCommandResponse } from '../../http/command.response.js';

/** What a project command answers (ProjectCommandSender): the project's status and the events recorded. */
export class ProjectCommandResponse extends RecordedCommandResponse {
  @ApiProperty({ example: 'PO.0143' })
  projectId!: string;

  @ApiProperty({ enum: PROJECT_STATUSES, example: 'submitted', description: "The project's status after the command" })
  status!: ProjectStatus;

  @ApiProperty({ type: [String], example: ['ProjectSubmitted'], description: 'Event types recorded, in order (none when an Idempotency-Key replay or a no-op)' })
  recorded!: string[];
}

/** A budget revision or no-cost extension request: its id, to approve or reject it by. */
export class ChangeRequestedResponse extends ProjectCommandResponse {
  @ApiProperty({ example: '665df859-ff9c-4d23-bb5b-e3edd16dfbfe', description: 'The id you gave, or the one generated' })
  requestId!: string;
}

/** A submitted report: its id, to accept or reject it by. */
export class ReportSubmittedResponse extends ProjectCommandResponse {
  @ApiProperty({ example: 'interim-1', description: 'The id you gave, or the one generated' })
  reportId!: string;
}

/** A disbursement or expenditure: its id, to correct it by. */
export class TransactionRecordedResponse extends ProjectCommandResponse {
  @ApiProperty({ example: 't-2026-02-01', description: 'The id you gave, or the one generated' })
  transactionId!: string;
}
