import { randomUUID } from 'node:crypto';
import { commandEventId } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';

/**
 * An id the server makes up for a command (a transaction, a report, a contribution) when
 * the client gave none. Under an Idempotency-Key it is derived from the actor, the key and
 * `purpose`, so that a retry names the same transaction (or stream) as the first request
 * and finds what that one recorded (docs/adr/0016); without a key, a random UUID.
 */
export function generatedId(request: AuthenticatedRequest, purpose: string): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return randomUUID();
  return commandEventId(request.actor.id, key, `id:${purpose}`, 0);
}
