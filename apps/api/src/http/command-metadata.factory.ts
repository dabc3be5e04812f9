import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Who, when and in which chain of causes a request's command happens. The client may pass
 * `X-Correlation-Id` to tie several requests together; otherwise each request starts one.
 */
export function commandMetadataOf(request: AuthenticatedRequest, reason?: string): CommandMetadata {
  const header = request.headers['x-correlation-id'];
  const causationId = requestIdOf(request);
  const idempotencyKey = request.headers['idempotency-key'];
  return {
    actor: request.actor,
    at: new Date().toISOString(),
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : causationId,
    causationId,
    ...(reason === undefined ? {} : { reason }),
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
  };
}

const REQUEST_ID = Symbol('request-id');

/** One id per HTTP request: the causation id of everything it records. */
export function requestIdOf(request: AuthenticatedRequest): string {
  const holder = request as unknown as Record<symbol, string>;
  holder[REQUEST_ID] ??= randomUUID();
  return holder[REQUEST_ID];
}
