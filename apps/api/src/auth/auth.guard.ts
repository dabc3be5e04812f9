import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor, Role } from '#domain';
import { ProblemError } from '../http/problem.js';
import { ALLOWED_ROLES, OPEN_TO_VISITORS, PUBLIC } from './access.decorators.js';
import { InvalidTokenError, KeysUnavailableError, TokenService, type Principal } from './token-service.js';

/** Whether anonymous visitors may read what is marked @OpenToVisitors() (PUBLIC_PORTAL). */
export const PUBLIC_PORTAL = Symbol('PUBLIC_PORTAL');

/** Who an anonymous visitor of the public portal is: a reader with the donor's view, no organisation. */
export const VISITOR: Principal = Object.freeze({ subject: 'visitor', roles: Object.freeze(['donor']) as Role[] });

export interface AuthenticatedRequest extends Request {
  principal: Principal;
  /** The principal acting in the first of its roles the endpoint allows. */
  actor: Actor;
}

/**
 * Every endpoint needs a bearer token unless marked @Public(), or @OpenToVisitors() while
 * the fund publishes its portal (a request with no credentials at all reads as VISITOR, the
 * donor's view; a bad token is still a 401): no token or a bad one → 401,
 * none of the endpoint's roles → 403. An endpoint that declares no roles is refused to
 * everyone, so forgetting the declaration fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(PUBLIC_PORTAL) private readonly publicPortal: boolean,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header === undefined && this.publicPortal && this.reflector.getAllAndOverride<boolean>(OPEN_TO_VISITORS, targets)) {
      request.principal = VISITOR;
      request.actor = { id: VISITOR.subject, role: 'donor' };
      return true;
    }
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
