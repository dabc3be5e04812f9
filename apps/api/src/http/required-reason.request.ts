import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EFFECTIVE_ON_DOC } from './business-date.request.js';

/**
 * The document's view of a ReasonRequest sent to a command that rule 13 makes give a reason
 * (reject, return, suspend, cancel, reject a request or a report). Validation stays with
 * ReasonRequest, so that a missing reason is the domain's 422 `reason.required` (one rule,
 * one code) rather than a 400 from the shape check; the document still says it is required.
 */
export class RequiredReasonRequest {
  @ApiProperty({ required: true, example: 'Budget lines do not match the work plan', maxLength: 4000, description: 'Why (rule 13): required; blank or missing is refused with 422 `reason.required`' })
  reason!: string;

  @ApiPropertyOptional(EFFECTIVE_ON_DOC)
  effectiveOn?: string;
}

/** What the description of an operation that needs a reason says. */
export const REASON_REQUIRED = 'A reason is required (rule 13): without one the answer is 422 `reason.required` and nothing is recorded.';
