import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor, Role } from '#domain';
import { ProblemError } from '../http/problem.js';
import { ALLOWED_ROLES, PUBLIC } from './access.decorators.js';
import { InvalidTokenError, KeysUnavailableError, TokenService, type Principal } from './token-service.js';

export interface AuthenticatedRequest extends Request {
  principal: Principal;
  /** The principal acting in the first of its roles the endpoint allows. */
  actor: Actor;
}

/**
 * Every endpoint needs a bearer token unless marked @Public(): no token or a bad one → 401,
 * none of the endpoint's roles → 403. An endpoint that declares no roles is refused to
 * everyone, so forgetting the declaration fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new ProblemError(401, 'auth.token-missing', 'send a bearer token: Authorization: Bearer <token> (mint one with npm run token)');
    }
    try {
      request.principal = await this.tokens.verify(header.slice('Bearer '.length).trim());
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ProblemError(401, 'auth.token-invalid', error.message);
      if (error instanceof KeysUnavailableError) throw new ProblemError(503, 'auth.provider-unavailable', error.message);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<readonly Role[]>(ALLOWED_ROLES, targets) ?? [];
    const role = allowed.find((candidate) => request.principal.roles.includes(candidate));
    if (role === undefined) {
      throw new ProblemError(403, 'auth.role-not-allowed', roleRefusal(allowed, request.principal.roles).detail);
    }
    request.actor = { id: request.principal.subject, role };
    return true;
  }
}

/**
 * The refusal of a caller none of whose roles may do this: the guard answers it (403), the
 * approval queue and the project card say it before the caller tries.
 */
export function roleRefusal(allowed: readonly Role[], held: readonly Role[]): { code: 'auth.role-not-allowed'; detail: string } {
  return {
    code: 'auth.role-not-allowed',
    detail: `this needs one of the roles ${allowed.join(', ') || '(none)'}; your token has ${held.join(', ')}`,
  };
}
