import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { LegacyIdempotencyKeys, faultPoint, keyReused, type StoredResponse } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { CommandResult } from './command-result.js';
import { ProblemError } from './problem.js';
import { requestFingerprintOf } from './request-fingerprint.js';
import { noteProblemCode } from './request-log.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Wraps every command endpoint: writes its CommandResult (status, headers, body). Under an
 * `Idempotency-Key` the command's own events carry the key and the request's fingerprint
 * (docs/adr/0016): the ledger finds them on a retry and answers as the first time, with
 * `Idempotent-Replayed: true`. Here the key is only checked, and the stores' old key
 * streams (docs/adr/0004) are read for keys completed before.
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  constructor(private readonly legacyKeys: LegacyIdempotencyKeys) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    // Queries on a command controller pass through untouched.
    if (request.method === 'GET' || request.method === 'HEAD') return next.handle();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle().pipe(mergeMap(async (result) => send(response, result)));
    return from(this.withKey(String(key), request, response, next)).pipe(mergeMap((inner) => inner));
  }

  private async withKey(key: string, request: AuthenticatedRequest, response: Response, next: CallHandler) {
    if (!KEY.test(key)) {
      throw new ProblemError(400, 'idempotency.invalid-key', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    const legacy = await this.legacyKeys.find(request.actor.id, key, requestFingerprintOf(request));
    if (legacy?.outcome === 'mismatch') throw keyReused();
    if (legacy?.outcome === 'replay') {
      response.setHeader('Idempotent-Replayed', 'true');
      return from([replay(response, legacy.response)]);
    }
    return next.handle().pipe(
      mergeMap(async (result) => {
        // Recorded, not yet answered: where a test kills the process (fault-points.ts).
        if (result instanceof CommandResult && result.headers['Idempotent-Replayed'] === undefined) faultPoint('after-append');
        return send(response, result);
      }),
    );
  }
}

function stored(result: unknown): StoredResponse {
  if (!(result instanceof CommandResult)) throw new Error('a command endpoint must return a CommandResult');
  return { status: result.status, body: result.body, headers: result.headers };
}

function send(response: Response, result: unknown): unknown {
  return replay(response, stored(result));
}

function replay(response: Response, stored: StoredResponse): unknown {
  response.status(stored.status);
  // A replayed refusal is still a refusal with its code (metrics, the request's log line).
  const code = (stored.body as { code?: unknown } | undefined)?.code;
  if (stored.status >= 400 && typeof code === 'string') noteProblemCode(response, code);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  return stored.body;
}
