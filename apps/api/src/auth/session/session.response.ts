import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '#domain';

/** Who the browser's session names (GET /auth/session), or that it has none. */
export class SessionResponse {
  @ApiProperty({ example: true }) signedIn!: boolean;
  @ApiPropertyOptional({ example: 'nora', description: "The token's subject: the actor of what the session records" }) subject?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['donor'] }) roles?: string[];
  @ApiPropertyOptional({ example: 'Government of Norway', description: 'The organisation the token names (a donor’s)' }) organisation?: string;
  @ApiPropertyOptional({ example: '2026-12-05T18:00:00.000Z', description: 'When the session ends: its token’s expiry' }) expiresAt?: string;
}

export class ProviderSignInResponse {
  @ApiProperty({ example: 'https://id.example.org/realms/fund', description: 'OIDC_ISSUER' }) issuer!: string;
  @ApiProperty({ example: 'portfolio-ledger-web', description: 'OIDC_CLIENT_ID: a public client, authorization code with PKCE' }) clientId!: string;
  @ApiProperty({ example: 'openid profile', description: 'OIDC_SCOPE' }) scope!: string;
}

/** How people may sign in to this service, and whether it publishes its portal (GET /auth/config). */
export class SignInOptionsResponse {
  @ApiProperty({ example: true, description: 'PUBLIC_PORTAL: visitors read the donor’s view without signing in' }) publicPortal!: boolean;
  @ApiProperty({ type: ProviderSignInResponse, nullable: true, description: 'The OpenID Connect provider the web application signs in with; null unless OIDC_ISSUER and OIDC_CLIENT_ID are set' })
  oidc!: ProviderSignInResponse | null;
  @ApiProperty({ example: true, description: 'Sign-in links printed by `npm run sign-in-link` are accepted (the service keeps a shared secret)' }) signInLink!: boolean;
}
