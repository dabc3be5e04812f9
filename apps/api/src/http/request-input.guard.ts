import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemError } from './problem.js';
import { refusedInput } from './request-input.js';

/**
 * Runs before every route's guards, interceptors and pipes (they read the body), after the
 * router has named the path's parameters: refuses what no request may carry
 * (request-input.ts) with 400 `request.invalid`, naming each field.
 */
@Injectable()
export class RequestInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const errors = [
      ...refusedInput(request.params ?? {}, ''),
      ...refusedInput(request.query ?? {}, ''),
      ...(request.body === undefined ? [] : refusedInput(request.body, '')),
    ];
    if (errors.length > 0) {
      throw new ProblemError(400, 'request.invalid', `the request cannot be accepted: ${errors.map((e) => `${e.field || '(body)'} ${e.message}`).join('; ')}`, errors);
    }
    return true;
  }
}
