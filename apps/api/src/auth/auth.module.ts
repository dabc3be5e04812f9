import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '#runtime';
import { AuthGuard, PUBLIC_PORTAL } from './auth.guard.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { connectIdentityProvider } from './identity-provider.js';
import { tokenLimitsOf } from './token-claims.js';
import { TokenService } from './token-service.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: TokenService,
          useFactory: async () =>
            new TokenService(await resolveJwtSecret(config), tokenLimitsOf(config), { provider: await connectIdentityProvider(config) }),
        },
        { provide: PUBLIC_PORTAL, useValue: config.publicPortal },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenService],
    };
  }
}
