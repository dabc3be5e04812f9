import { createHash } from 'node:crypto';
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { IdempotencyKeys, canonicalJson, type StoredResponse } from '#ledger';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { commandMetadataOf } from './command-metadata.factory.js';
import { CommandResult } from './command-result.js';
import { ProblemError, toProblem } from './problem.js';
import { noteProblemCode } from './request-log.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Wraps every command endpoint: writes its CommandResult (status, headers, body), and makes
 * it idempotent under `Idempotency-Key`: the first request with a key runs, every retry with
 * the same key and the same request gets the first response again and records nothing.
 * Keys are scoped to the actor. A transient failure (5xx) frees the key for a retry.
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly keys: IdempotencyKeys) {}

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
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${request.headers['if-match'] ?? ''}\n${canonicalJson(request.body ?? {})}`)
      .digest('hex');
    const reservation = await this.keys.reserve(request.actor.id, key, fingerprint, commandMetadataOf(request));
    switch (reservation.outcome) {
      case 'mismatch':
        throw new ProblemError(422, 'idempotency.key-reused', 'this Idempotency-Key was already used for a different request');
      case 'in-progress':
        throw new ProblemError(409, 'idempotency.in-progress', 'a request with this Idempotency-Key is still being handled; retry shortly');
      case 'replay':
        response.setHeader('Idempotent-Replayed', 'true');
        return from([replay(response, reservation.response)]);
      case 'run':
        return next.handle().pipe(
          catchError(async (error: unknown) => {
            const problem = { ...toProblem(error, request.headers['if-match'] !== undefined), instance: request.originalUrl };
            if (problem.status >= 500) await reservation.abandon();
            else await reservation.complete({ status: problem.status, body: problem, headers: { 'Content-Type': 'application/problem+json' } });
            throw error;
          }),
          // Past this point the command is recorded: nothing may answer it as failed. A key
          // whose answer could not be kept is logged; its retry waits out the lease
          // (docs/adr/0004) instead of this client being told the command failed.
          mergeMap(async (result) => {
            try {
              await reservation.complete(stored(result));
            } catch (error) {
              this.logger.error({ message: 'a recorded command\'s answer could not be kept for its Idempotency-Key', key, error: String(error) });
            }
            return send(response, result);
          }),
        );
    }
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
