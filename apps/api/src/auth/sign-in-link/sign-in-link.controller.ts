import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemResponses } from '../../http/problem.response.js';
import { Public } from '../access.decorators.js';
import { TokenService } from '../token-service.js';
import { keepSession, notStored } from '../session/session-cookie.js';
import { SessionSettings } from '../session/session-settings.js';
import { SignInLinkRefused, SignInTickets } from './sign-in-ticket.js';

/**
 * The link `npm run sign-in-link` prints: following it opens a session (the cookie) and sends
 * the browser on with 303, so the ticket leaves the address bar and the history at once; no
 * Referer carries it anywhere, nothing caches the answer. A refused link goes to the sign-in
 * page, which says why in words (`/sign-in?error=<code>`).
 */
@ApiTags('auth')
@Controller('auth/link')
export class SignInLinkController {
  constructor(
    private readonly tickets: SignInTickets,
    private readonly tokens: TokenService,
    private readonly settings: SessionSettings,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Follow a sign-in link',
    description:
      'Redeems the ticket printed by `npm run sign-in-link` (valid 15 minutes, once), keeps a new session token (its roles, organisation and lifetime as the link says) in the session cookie, and answers 303 to the link’s `next` (a path of this site; anything else goes to `/`). A refused ticket answers 303 to `/sign-in?error=` `link-invalid`, `link-expired`, `link-used` or `links-not-accepted`.',
  })
  @ApiQuery({ name: 'ticket', required: true, description: 'The ticket the command printed' })
  @ApiResponse({ status: 303, description: 'Signed in (to `next`), or refused (to `/sign-in?error=<code>`)' })
  @ProblemResponses('rate-limit.exceeded')
  async follow(@Query('ticket') ticket: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    notStored(response);
    response.setHeader('referrer-policy', 'no-referrer');
    // Express answers HEAD with the GET route: a link checker's HEAD must not use the ticket up.
    if (request.method === 'HEAD') {
      response.status(204).end();
      return;
    }
    let destination: string;
    try {
      const request = await this.tickets.redeem(ticket);
      const token = await this.mint(request);
      const { expiresAt } = await this.tokens.inspect(token);
      keepSession(response, this.settings.cookie, token, expiresAt);
      destination = request.next;
    } catch (error) {
      if (!(error instanceof SignInLinkRefused)) throw error;
      destination = `/sign-in?error=${error.code}`;
    }
    // No body: nothing to show, and no copy of the address anywhere.
    response.status(303).location(destination).end();
  }

  /** The session token; a link this service cannot honour (longer than JWT_MAX_TTL here) is refused, not shortened. */
  private async mint(request: Awaited<ReturnType<SignInTickets['redeem']>>): Promise<string> {
    try {
      return await this.tokens.mint(request.subject, request.roles, `${request.sessionSeconds}s`, request.organisation === undefined ? {} : { organisation: request.organisation });
    } catch (error) {
      throw new SignInLinkRefused('link-invalid', (error as Error).message);
    }
  }
}
