import { Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemError } from '../../http/problem.js';
import { ProblemResponses } from '../../http/problem.response.js';
import { Public } from '../access.decorators.js';
import { InvalidTokenError, KeysUnavailableError, TokenService, type Principal } from '../token-service.js';
import { endSession, keepSession, notStored, sessionTokenOf } from './session-cookie.js';
import { SessionResponse } from './session.response.js';
import { SessionSettings } from './session-settings.js';

/**
 * A browser's session: the bearer token kept in an HttpOnly cookie (session-cookie.ts), so
 * that no script — the application's or one injected into it — can read it, and no address
 * or browser storage ever holds it. The web application opens one with the access token its
 * provider gave it, or is given one by a sign-in link (sign-in-link.controller.ts).
 */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly tokens: TokenService,
    private readonly settings: SessionSettings,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Keep a token as this browser’s session',
    description:
      'Any token the service accepts, as `Authorization: Bearer <token>`, is set as the HttpOnly cookie `portfolio_ledger_session` (SameSite=Strict, Path=/, Secure when PUBLIC_URL is https), living as long as the token. Later requests from the browser carry it; those that change something must also send `x-requested-with: portfolio-ledger-web`.',
  })
  @ApiOkResponse({ type: SessionResponse, description: 'The session opened' })
  @ProblemResponses('auth.token-missing', 'auth.token-invalid', 'auth.provider-unavailable', 'rate-limit.exceeded')
  async open(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    notStored(response);
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new ProblemError(401, 'auth.token-missing', 'send the token to keep as Authorization: Bearer <token>');
    }
    const token = header.slice('Bearer '.length).trim();
    let verified: { principal: Principal; expiresAt: number };
    try {
      verified = await this.tokens.inspect(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new ProblemError(401, 'auth.token-invalid', error.message);
      if (error instanceof KeysUnavailableError) throw new ProblemError(503, 'auth.provider-unavailable', error.message);
      throw error;
    }
    keepSession(response, this.settings.cookie, token, verified.expiresAt);
    return sessionOf(verified);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Who this browser’s session names',
    description:
      'No token needed: `{"signedIn":false}` without a session cookie, or with one no longer valid (then the cookie is cleared, so browsing goes on as a visitor); else the subject, roles, organisation and when the session ends.',
  })
  @ApiOkResponse({ type: SessionResponse, description: 'The session, or that there is none' })
  @ProblemResponses('auth.provider-unavailable', 'rate-limit.exceeded')
  async describe(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionResponse> {
    notStored(response);
    const token = sessionTokenOf(request);
    if (token === undefined) return { signedIn: false };
    try {
      return sessionOf(await this.tokens.inspect(token));
    } catch (error) {
      if (error instanceof KeysUnavailableError) throw new ProblemError(503, 'auth.provider-unavailable', error.message);
      if (!(error instanceof InvalidTokenError)) throw error;
      endSession(response, this.settings.cookie);
      return { signedIn: false };
    }
  }

  @Public()
  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign this browser out',
    description:
      'Clears the session cookie. The token itself stays valid until it expires (nobody else ever held it: the cookie is HttpOnly); a provider’s own session, if the browser signed in there, is left as it is.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ProblemResponses('rate-limit.exceeded')
  close(@Res({ passthrough: true }) response: Response): void {
    notStored(response);
    endSession(response, this.settings.cookie);
  }
}

function sessionOf({ principal, expiresAt }: { principal: Principal; expiresAt: number }): SessionResponse {
  return {
    signedIn: true,
    subject: principal.subject,
    roles: [...principal.roles],
    ...(principal.organisation === undefined ? {} : { organisation: principal.organisation }),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}
