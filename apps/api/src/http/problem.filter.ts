import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problem, toProblem } from './problem.js';
import { noteProblemCode } from './request-log.js';
import type { RouteTable } from './route-table.js';

/** Every error leaves the API as an RFC 9457 problem; unexpected ones are logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly routes: RouteTable) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    let answer = toProblem(error, request.headers['if-match'] !== undefined);
    if (answer.code === 'route.not-found') {
      const allowed = this.routes.methodsOf(request.path);
      if (allowed.length > 0) {
        answer = problem(405, 'method.not-allowed', `${request.method} is not a method of ${request.path}; it takes ${allowed.join(', ')}`);
        response.setHeader('Allow', allowed.join(', '));
      }
    }
    const body = { ...answer, instance: request.originalUrl };
    if (body.status >= 500) {
      this.logger.error({ message: 'request failed', path: request.originalUrl, error: String((error as Error)?.stack ?? error) });
    }
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    noteProblemCode(response, body.code);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
