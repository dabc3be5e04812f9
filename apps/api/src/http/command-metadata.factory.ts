import type { CommandMetadata } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { correlationIdOf, requestIdOf } from './request-ids.js';

/**
 * Who, when and in which chain of causes a request's command happens: the events carry the
 * request's correlation id and, as causation id, the request id, the ids of the request's
 * log line (see request-ids.ts).
 */
export function commandMetadataOf(request: AuthenticatedRequest, reason?: string): CommandMetadata {
  const idempotencyKey = request.headers['idempotency-key'];
  return {
    actor: request.actor,
    at: new Date().toISOString(),
    correlationId: correlationIdOf(request),
    causationId: requestIdOf(request),
    ...(reason === undefined ? {} : { reason }),
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
  };
}
