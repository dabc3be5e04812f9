import { DomainError, type FieldError } from '#domain';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '#event-store';
import { InvalidViewQueryError, MongoUnavailableError } from '#read-models';
import { SqlUnavailableError } from '#sql';

/**
 * An RFC 9457 problem: `application/problem+json` with a stable `code` clients can switch
 * on, a human `detail`, and per-field `errors` for validation.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** A problem raised by the HTTP layer itself (auth, validation, preconditions). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const STATUS_OF_KIND = { invalid: 422, conflict: 409, 'not-found': 404, forbidden: 403 } as const;

export function problem(status: number, code: string, detail: string, errors: FieldError[] = []): Problem {
  return {
    type: `/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

/**
 * Turns anything thrown while handling a request into a problem. `hadIfMatch` decides
 * between 412 (the client's precondition failed) and 409 (a race the server lost).
 */
export function toProblem(error: unknown, hadIfMatch: boolean): Problem {
  if (error instanceof ProblemError) return problem(error.status, error.code, error.detail, error.errors);
  if (error instanceof DomainError) return problem(STATUS_OF_KIND[error.kind], error.code, error.detail, error.errors);
  if (error instanceof WrongExpectedRevisionError) {
    return hadIfMatch
      ? problem(412, 'precondition.failed', `${error.streamId} is at revision ${String(error.actual)}, not ${String(error.expected)}; reload and retry`)
      : problem(409, 'concurrency.conflict', `${error.streamId} was changed by someone else at the same time; retry`);
  }
  if (error instanceof InvalidViewQueryError) {
    return problem(400, 'request.invalid-query', error.message, [{ field: 'cursor', message: error.message }]);
  }
  if (error instanceof EventStoreUnavailableError || error instanceof SqlUnavailableError || error instanceof MongoUnavailableError) {
    return problem(503, 'store.unavailable', 'a store cannot be reached; retry later');
  }
  const status = httpStatusOf(error);
  if (status === 404) return problem(404, 'route.not-found', 'no such resource or route');
  if (status === 413) return problem(413, 'request.too-large', 'the request body is too large');
  if (status !== undefined && status >= 400 && status < 500) {
    // Express wraps body-parser's SyntaxError in a BadRequestException (as its cause).
    const cause = (error as { cause?: unknown }).cause;
    const malformed = error instanceof SyntaxError || cause instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed';
    return problem(400, malformed ? 'request.malformed-json' : 'request.invalid', malformed ? 'the request body is not valid JSON' : String((error as Error).message));
  }
  return problem(500, 'internal', 'an unexpected error occurred; it has been logged');
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { getStatus?: () => number; status?: unknown; statusCode?: unknown };
  if (typeof candidate.getStatus === 'function') return candidate.getStatus();
  if (typeof candidate.status === 'number') return candidate.status;
  if (typeof candidate.statusCode === 'number') return candidate.statusCode;
  return undefined;
}
