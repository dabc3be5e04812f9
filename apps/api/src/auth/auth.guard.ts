import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Actor, Role } from '#domain';
import { ProblemError } from '../http/problem.js';
import { ALLOWED_ROLES, OPEN_TO_VISITORS, PUBLIC } from './access.decorators.js';
import { InvalidTokenError, KeysUnavailableError, TokenService, type Principal } from './token-service.js';
import { WEB_CLIENT_HEADER, changesState, endSession, sentByWebClient, sessionTokenOf } from './session/session-cookie.js';
import { SessionSettings } from './session/session-settings.js';

/** Who an anonymous visitor of the public portal is: a reader with the donor's view, no organisation. */
export const VISITOR: Principal = Object.freeze({ subject: 'visitor', roles: Object.freeze(['donor']) as Role[] });

export interface AuthenticatedRequest extends Request {
  principal: Principal;
  /** The principal acting in the first of its roles the endpoint allows. */
  actor: Actor;
}

/**
 * Every endpoint needs credentials unless marked @Public(), or @OpenToVisitors() while the
 * fund publishes its portal (a request with no credentials at all reads as VISITOR, the
 * donor's view). Credentials are a bearer token, or else a browser's session cookie
 * (session/session-cookie.ts); a bearer header always wins. No credentials or a bad token
 * → 401, none of the endpoint's roles → 403. An endpoint that declares no roles is refused
 * to everyone, so forgetting the declaration fails closed.
 *
 * The cookie is sent by the browser on its own, so it is trusted less (ADR 0024): a request
 * that changes something must also carry the web application's header (403 `auth.cross-site`
 * otherwise, before anything is decided), and a session that has ended reads as a visitor
 * where a visitor may read (the cookie is cleared: browsing goes on) and is 401
 * `auth.session-expired` elsewhere.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly settings: SessionSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const session = header === undefined ? sessionTokenOf(request) : undefined;
    const visitorsMayRead = this.settings.publicPortal && this.reflector.getAllAndOverride<boolean>(OPEN_TO_VISITORS, targets) === true;
    if (header === undefined && session === undefined && visitorsMayRead) return this.admitVisitor(request);
    if (session !== undefined) {
      if (changesState(request) && !sentByWebClient(request)) {
        throw new ProblemError(
          403,
          'auth.cross-site',
          `a change sent with the session cookie must carry the header ${WEB_CLIENT_HEADER.name}: ${WEB_CLIENT_HEADER.value} (the web application sends it; another site cannot); nothing was recorded`,
        );
      }
      try {
        request.principal = await this.tokens.verify(session);
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) throw refusalOf(error);
        endSession(context.switchToHttp().getResponse<Response>(), this.settings.cookie);
        if (visitorsMayRead && !changesState(request)) return this.admitVisitor(request);
        throw new ProblemError(401, 'auth.session-expired', `the session has ended (${error.message}); sign in again`);
      }
    } else {
      if (!header?.startsWith('Bearer ')) {
        throw new ProblemError(401, 'auth.token-missing', 'send a bearer token: Authorization: Bearer <token> (mint one with npm run token), or sign in');
      }
      try {
        request.principal = await this.tokens.verify(header.slice('Bearer '.length).trim());
      } catch (error) {
        throw refusalOf(error);
      }
    }
    const allowed = this.reflector.getAllAndOverride<readonly Role[]>(ALLOWED_ROLES, targets) ?? [];
    const role = allowed.find((candidate) => request.principal.roles.includes(candidate));
    if (role === undefined) {
      throw new ProblemError(403, 'auth.role-not-allowed', roleRefusal(allowed, request.principal.roles).detail);
    }
    request.actor = { id: request.principal.subject, role };
    return true;
  }

  private admitVisitor(request: AuthenticatedRequest): true {
    request.principal = VISITOR;
    request.actor = { id: VISITOR.subject, role: 'donor' };
    return true;
  }
}

/** A token refused, as the problem the caller gets: 401 for the token, 503 when the provider's keys are out of reach. */
function refusalOf(error: unknown): unknown {
  if (error instanceof InvalidTokenError) return new ProblemError(401, 'auth.token-invalid', error.message);
  if (error instanceof KeysUnavailableError) return new ProblemError(503, 'auth.provider-unavailable', error.message);
  return error;
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
