import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { canonicalJson } from '#ledger';

const fingerprints = new WeakMap<Request, string>();

/**
 * What identifies a request under its Idempotency-Key: method, path, If-Match and body
 * (canonical JSON, so key order does not matter). Kept in the metadata of the command's
 * events; a retry must match it to be answered from them, any other request with the key
 * is refused (422). Computed once per request, before the body is transformed.
 */
export function requestFingerprintOf(request: Request): string {
  let fingerprint = fingerprints.get(request);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${request.headers['if-match'] ?? ''}\n${canonicalJson(request.body ?? {})}`)
      .digest('hex');
    fingerprints.set(request, fingerprint);
  }
  return fingerprint;
}
