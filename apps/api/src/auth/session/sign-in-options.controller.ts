import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ProblemResponses } from '../../http/problem.response.js';
import { Public } from '../access.decorators.js';
import { SignInTickets } from '../sign-in-link/sign-in-ticket.js';
import { notStored } from './session-cookie.js';
import { SignInOptionsResponse } from './session.response.js';
import { SessionSettings } from './session-settings.js';

/** What the web application needs to offer the right ways of signing in, before anyone has. */
@ApiTags('auth')
@Controller('auth/config')
export class SignInOptionsController {
  constructor(
    private readonly settings: SessionSettings,
    private readonly tickets: SignInTickets,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'How people sign in here',
    description:
      'No token needed. `publicPortal` (PUBLIC_PORTAL), the OpenID Connect provider and public client the web application signs in with (only when OIDC_ISSUER and OIDC_CLIENT_ID are set), and whether sign-in links (`npm run sign-in-link`) are accepted: only while the service keeps a shared secret.',
  })
  @ApiOkResponse({ type: SignInOptionsResponse, description: 'The ways of signing in' })
  @ProblemResponses('rate-limit.exceeded')
  options(@Res({ passthrough: true }) response: Response): SignInOptionsResponse {
    notStored(response);
    return { publicPortal: this.settings.publicPortal, oidc: this.settings.browserSignIn, signInLink: this.tickets.accepted };
  }
}
