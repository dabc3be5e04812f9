import type { CommandMetadata } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { correlationIdOf, requestIdOf } from './request-ids.js';
import { requestFingerprintOf } from './request-fingerprint.js';

/**
 * Who, when and in which chain of causes a request's command happens: the events carry the
 * request's correlation id and, as causation id, the request id, the ids of the request's
 * log line (see request-ids.ts). With an Idempotency-Key, the request's fingerprint too:
 * the events' ids come from the key, and a retry is recognised by both (docs/adr/0016).
 */
export function commandMetadataOf(request: AuthenticatedRequest, reason?: string): CommandMetadata {
  const idempotencyKey = request.headers['idempotency-key'];
  return {
    actor: request.actor,
    at: new Date().toISOString(),
    correlationId: correlationIdOf(request),
    causationId: requestIdOf(request),
    ...(reason === undefined ? {} : { reason }),
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey, requestFingerprint: requestFingerprintOf(request) } : {}),
  };
}
