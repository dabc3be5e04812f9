import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from './problem.js';
import { noteProblemCode } from './request-log.js';

/** Every error leaves the API as an RFC 9457 problem; unexpected ones are logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...toProblem(error, request.headers['if-match'] !== undefined), instance: request.originalUrl };
    if (body.status >= 500) {
      this.logger.error({ message: 'request failed', path: request.originalUrl, error: String((error as Error)?.stack ?? error) });
    }
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    noteProblemCode(response, body.code);
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
