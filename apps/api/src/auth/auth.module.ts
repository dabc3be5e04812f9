import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '#runtime';
import { AuthGuard } from './auth.guard.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { connectIdentityProvider } from './identity-provider.js';
import { SessionController } from './session/session.controller.js';
import { SessionSettings } from './session/session-settings.js';
import { SignInOptionsController } from './session/sign-in-options.controller.js';
import { SignInLinkController } from './sign-in-link/sign-in-link.controller.js';
import { SignInTickets } from './sign-in-link/sign-in-ticket.js';
import { tokenLimitsOf } from './token-claims.js';
import { TokenService } from './token-service.js';

/** The service's shared secret (JWT_SECRET or DATA_DIR/jwt-secret), undefined when it keeps none: tokens and sign-in tickets are signed with it. */
const SHARED_SECRET = Symbol('SHARED_SECRET');

@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      controllers: [SessionController, SignInOptionsController, SignInLinkController],
      providers: [
        { provide: SHARED_SECRET, useFactory: () => resolveJwtSecret(config) },
        {
          provide: TokenService,
          useFactory: async (secret: Uint8Array | undefined) =>
            new TokenService(secret, tokenLimitsOf(config), { provider: await connectIdentityProvider(config) }),
          inject: [SHARED_SECRET],
        },
        { provide: SignInTickets, useFactory: (secret: Uint8Array | undefined) => new SignInTickets(secret, config.jwtAudience), inject: [SHARED_SECRET] },
        { provide: SessionSettings, useValue: SessionSettings.of(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenService, SessionSettings],
    };
  }
}
