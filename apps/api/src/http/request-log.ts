import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '#runtime';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { CommandRoutes } from '../metrics/command-routes.js';
import type { RequestMetrics } from '../metrics/request-metrics.js';
import { correlationIdOf, requestIdOf } from './request-ids.js';

const PROBLEM_CODE = Symbol('problem-code');

/** Whoever answers with a problem says its code here, for the request's log line and metrics. */
export function noteProblemCode(response: Response, code: string): void {
  (response as unknown as Record<symbol, string>)[PROBLEM_CODE] = code;
}

/**
 * The one place a request's end is observed: one JSON log line (method, route pattern,
 * status, duration, subject, request and correlation ids, the problem code of a refusal),
 * its latency in the histogram, and the command it sent, if any. It answers the ids in
 * `X-Request-Id` and `X-Correlation-Id` from the start, so even a refusal carries them.
 * Mounted first, so nothing answers before it.
 */
export function requestLog(logger: Logger, metrics: RequestMetrics, commands: CommandRoutes) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(request);
    const correlationId = correlationIdOf(request);
    response.setHeader('X-Request-Id', requestId);
    response.setHeader('X-Correlation-Id', correlationId);
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Express keeps the matched route on the request; none matched: unknown paths, /docs assets.
      const route = request.route ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      const status = response.statusCode;
      const code = (response as unknown as Record<symbol, string | undefined>)[PROBLEM_CODE];
      metrics.request(request.method, route, status, seconds);
      const command = request.route ? commands.commandOf(request.method, route) : undefined;
      if (command !== undefined) metrics.command(command, status, code);
      const subject = (request as Partial<AuthenticatedRequest>).principal?.subject;
      logger[status >= 500 ? 'error' : 'info'](
        {
          method: request.method,
          route,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(subject === undefined ? {} : { subject }),
          requestId,
          correlationId,
          ...(command === undefined ? {} : { command }),
          ...(code === undefined ? {} : { code }),
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    next();
  };
}
