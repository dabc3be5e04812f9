import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';

/** One field a validation refused, as `errors[]` of a problem carries it. */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorBody {
  @ApiProperty({ example: 'budget.staffAndOfficeCosts', description: 'Dotted path of the field (list items by index)' })
  field!: string;

  @ApiProperty({ example: 'must be a decimal string of US dollars' })
  message!: string;
}

/** The RFC 9457 body of every error (apps/api/src/http/problem.ts), as the document shows it. */
@ApiSchema({ name: 'Problem' })
export class ProblemBody {
  @ApiProperty({ example: '/problems/budget.ceiling-exceeded' })
  type!: string;

  @ApiProperty({ example: 'Unprocessable Content' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiProperty({ example: 'budget.ceiling-exceeded', description: "Stable: switch on it (the README's table lists every code)" })
  code!: string;

  @ApiProperty({ example: 'the budget of USD 120000.00 exceeds the ceiling of USD 100000.00 for funding line 1, national coverage' })
  detail!: string;

  @ApiPropertyOptional({ example: '/projects', description: 'The request path' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorBody], description: 'Per field, for validation problems' })
  errors?: FieldErrorBody[];
}

/**
 * The status each documented code is answered with (the README's table says when). A code
 * is typed, so an operation cannot document one that does not exist; test/openapi.e2e-spec.ts
 * checks that the README agrees on the status.
 */
const STATUS_OF = {
  'request.invalid': 400,
  'import.unreadable-file': 422,
  'request.malformed-json': 400,
  'request.invalid-query': 400,
  'export.whole-list-only': 400,
  'request.invalid-instant': 400,
  'request.invalid-position': 400,
  'request.invalid-if-match': 400,
  'idempotency.invalid-key': 400,
  'auth.token-missing': 401,
  'auth.token-invalid': 401,
  'auth.session-expired': 401,
  'auth.role-not-allowed': 403,
  'auth.cross-site': 403,
  'approval.four-eyes': 403,
  'donor.organisation-missing': 403,
  'project.not-found': 404,
  'envelope.not-found': 404,
  'contribution.not-found': 404,
  'code-list.unknown': 404,
  'request.not-found': 404,
  'report.not-found': 404,
  'transaction.not-found': 404,
  'read-model.unknown': 404,
  'rebuild.not-found': 404,
  'anchors.not-configured': 409,
  'transition.not-allowed': 409,
  'submission.endorsement-missing': 409,
  'endorsement.state-not-beneficiary': 409,
  'implementation.focal-point-missing': 409,
  'disbursement.exceeds-budget': 409,
  'expenditure.exceeds-budget': 409,
  'revision.below-flows': 409,
  'request.too-late': 409,
  'request.already-pending': 409,
  'request.duplicate': 409,
  'request.already-decided': 409,
  'request.pending': 409,
  'closure.reports-missing': 409,
  'closure.unspent-balance': 409,
  'refund.exceeds-unspent': 409,
  'effective-on.invalid': 422,
  'effective-on.in-future': 422,
  'effective-on.before-previous-step': 409,
  'transaction.value-date-in-future': 422,
  'disbursement.before-approval': 409,
  'expenditure.before-start': 409,
  'correction.refund': 409,
  'report.duplicate': 409,
  'report.already-submitted': 409,
  'report.already-decided': 409,
  'transaction.duplicate': 409,
  'project.already-exists': 409,
  'project.prima-id-taken': 409,
  'envelope.already-open': 409,
  'envelope.not-open': 409,
  'envelope.exhausted': 409,
  'envelope.below-reserved': 409,
  'contribution.already-pledged': 409,
  'contribution.duplicate-receipt': 409,
  'contribution.exceeds-pledge': 409,
  'code-list.duplicate-entry': 409,
  'idempotency.compensated': 409,
  'concurrency.conflict': 409,
  'precondition.failed': 412,
  'request.too-large': 413,
  'budget.staff-costs-exceeded': 422,
  'budget.ceiling-exceeded': 422,
  'coverage.beneficiary-states': 422,
  'beneficiary.shares-invalid': 422,
  'reason.required': 422,
  'proposal.invalid': 422,
  'revision.invalid': 422,
  'revision.no-change': 422,
  'extension.invalid': 422,
  'report.invalid': 422,
  'endorsement.invalid': 422,
  'focal-point.invalid': 422,
  'transaction.invalid': 422,
  'correction.no-change': 422,
  'date.invalid': 422,
  'money.invalid-amount': 422,
  'envelope.invalid': 422,
  'contribution.invalid': 422,
  'code-list.invalid': 422,
  'prima-id.invalid': 422,
  'idempotency.key-reused': 422,
  'rate-limit.exceeded': 429,
  'store.unavailable': 503,
  'auth.provider-unavailable': 503,
  'views.not-caught-up': 503,
  'verification.not-supported': 501,
} as const;

export type DocumentedCode = keyof typeof STATUS_OF;

/**
 * A code answered with another status than its usual one: the change-request decider makes
 * `request.invalid` with 422 (its fields' values), the edge with 400 (the request's shape).
 */
export type ProblemEntry = DocumentedCode | readonly [status: number, code: DocumentedCode];

/** Every operation behind a bearer token or a browser's session cookie. */
export const AUTHENTICATED: DocumentedCode[] = ['auth.token-missing', 'auth.token-invalid', 'auth.session-expired', 'auth.role-not-allowed'];
/** Every operation that changes something: a browser's session cookie alone is not enough (the web application's header). */
export const AUTHENTICATED_CHANGE: DocumentedCode[] = [...AUTHENTICATED, 'auth.cross-site'];
/** Every operation with a body: its shape, its JSON, its size (the path and query are checked too). */
export const WITH_BODY: DocumentedCode[] = ['request.invalid', 'request.malformed-json', 'request.too-large'];
/** Every command (CommandInterceptor and the stores). */
export const COMMAND: DocumentedCode[] = [...AUTHENTICATED_CHANGE, ...WITH_BODY, 'effective-on.invalid', 'effective-on.in-future', 'idempotency.invalid-key', 'idempotency.key-reused', 'idempotency.compensated', 'concurrency.conflict', 'store.unavailable'];
/** A command that honours `If-Match`. */
export const IF_MATCH: DocumentedCode[] = ['request.invalid-if-match', 'precondition.failed'];
/** Every project command: the project must exist and its status allow the command. */
export const PROJECT_COMMAND: DocumentedCode[] = [...COMMAND, ...IF_MATCH, 'project.not-found', 'transition.not-allowed', 'effective-on.before-previous-step'];
/** Every query of a projected view (read-your-writes with `minPosition`). */
export const VIEW_QUERY: DocumentedCode[] = [...AUTHENTICATED, 'request.invalid', 'request.invalid-position', 'request.invalid-instant', 'views.not-caught-up', 'store.unavailable'];
/** Every query folded from the event store. */
export const STORE_QUERY: DocumentedCode[] = [...AUTHENTICATED, 'request.invalid', 'store.unavailable'];

/**
 * Documents the problems an operation can answer: one response per status, its codes in the
 * description, the body the `Problem` schema. Listing codes (not statuses) keeps the
 * description and the statuses from drifting apart.
 */
export function ProblemResponses(...entries: Array<ProblemEntry | readonly ProblemEntry[]>): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, Set<string>>();
  for (const entry of entries.flatMap((item) => (isList(item) ? item : [item]))) {
    const [status, code] = typeof entry === 'string' ? [STATUS_OF[entry], entry] : entry;
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  }
  return applyDecorators(
    ApiExtraModels(ProblemBody),
    ...[...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) =>
        ApiResponse({
          status,
          description: `Problem: ${[...codes].map((code) => `\`${code}\``).join(', ')}`,
          content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemBody) } } },
        }),
      ),
  );
}

function isList(item: ProblemEntry | readonly ProblemEntry[]): item is readonly ProblemEntry[] {
  return Array.isArray(item) && typeof item[0] !== 'number';
}
