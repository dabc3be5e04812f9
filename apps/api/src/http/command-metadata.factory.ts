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
  const effectiveOn = effectiveOnOfBody(request.body);
  return {
    actor: request.actor,
    at: new Date().toISOString(),
    ...(effectiveOn === undefined ? {} : { effectiveOn }),
    correlationId: correlationIdOf(request),
    causationId: requestIdOf(request),
    ...(reason === undefined ? {} : { reason }),
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey, requestFingerprint: requestFingerprintOf(request) } : {}),
  };
}

/**
 * The business date a command's body gives (`effectiveOn`, see business-date.request.ts).
 * Read here, once for every command endpoint, so that no controller can forget to pass it
 * on: the body was already checked against its DTO, which must declare the field (unknown
 * fields are refused), and the domain checks the date itself (ADR 0019).
 */
function effectiveOnOfBody(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const effectiveOn = (body as { effectiveOn?: unknown }).effectiveOn;
  return typeof effectiveOn === 'string' ? effectiveOn : undefined;
}
