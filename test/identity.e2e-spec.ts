import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT, base64url } from 'jose';
import { connectIdentityProvider } from '../apps/api/src/auth/identity-provider.js';
import { LocalIdentityProvider } from './support/local-identity-provider.js';
import { Client, TestApp } from './support/test-app.js';

/** jose fetches the key set again for an unknown kid at most every 30 s (its cooldown). */
const JWKS_COOLDOWN_MS = 30_000;
const SECRET = 'identity-tests-shared-secret-0123456789abcdef';

const problemOf = (reply: { status: number; headers: Headers; body: { code?: string; detail?: string } }) => ({
  status: reply.status,
  type: reply.headers.get('content-type'),
  code: reply.body?.code,
  detail: reply.body?.detail,
});

describe('identity: tokens of an OpenID Connect provider', () => {
  let provider: LocalIdentityProvider;
  let app: TestApp;
  let startedAt: number;
  const as = (token: string) => new Client(app.baseUrl, token);

  beforeAll(async () => {
    provider = await LocalIdentityProvider.start([
      { clientId: 'audit-office', roles: ['auditor', 'offline_access'] },
      { clientId: 'donor-portal', roles: ['donor'] },
      { clientId: 'stranger', roles: ['uma_authorization', 'root'] },
      { clientId: 'short-lived', roles: ['auditor'], ttlSeconds: 1 },
      { clientId: 'long-lived', roles: ['auditor'], ttlSeconds: 13 * 3600 },
    ]);
    app = await TestApp.start({ env: { OIDC_ISSUER: provider.issuer, ROLES_CLAIM: 'realm_access.roles' } });
    startedAt = Date.now();
  });

  afterAll(async () => {
    await app?.stop();
    await provider?.stop();
  });

  it("answers a provider's token whose roles allow the request, and names the client as the actor", async () => {
    const reply = await as(await provider.token('audit-office')).get('/audit-trail');
    expect(reply.status).toBe(200);
  });

  it('reads the roles where ROLES_CLAIM says: a donor is forbidden the audit trail (403)', async () => {
    expect(problemOf(await as(await provider.token('donor-portal')).get('/audit-trail'))).toMatchObject({ status: 403, code: 'auth.role-not-allowed' });
  });

  it('refuses a token naming no role this service knows (401)', async () => {
    expect(problemOf(await as(await provider.token('stranger')).get('/audit-trail'))).toMatchObject({
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
      code: 'auth.token-invalid',
      detail: expect.stringMatching(/no role this service knows \(claim realm_access\.roles\)/),
    });
  });

  it('refuses a token for another audience (401)', async () => {
    expect(problemOf(await as(await provider.token('audit-office', 'another-service')).get('/audit-trail'))).toMatchObject({
      status: 401,
      code: 'auth.token-invalid',
      detail: expect.stringMatching(/audience \(aud\) must be "portfolio-ledger"/),
    });
  });

  it('refuses an expired token (401)', async () => {
    const token = await provider.token('short-lived');
    await sleep(2_100);
    expect(problemOf(await as(token).get('/audit-trail'))).toMatchObject({ status: 401, code: 'auth.token-invalid', detail: expect.stringMatching(/expired/) });
  });

  it('refuses a token living longer than JWT_MAX_TTL (401)', async () => {
    expect(problemOf(await as(await provider.token('long-lived')).get('/audit-trail'))).toMatchObject({
      status: 401,
      code: 'auth.token-invalid',
      detail: expect.stringMatching(/at most 43200 s \(JWT_MAX_TTL\)/),
    });
  });

  it("refuses HS256 tokens, even one signed with the provider's public key under its kid (no secret is kept)", async () => {
    const claims = { sub: 'mallory', realm_access: { roles: ['admin'] }, roles: ['admin'], iss: provider.issuer, aud: 'portfolio-ledger' };
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: provider.signingKid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(provider.publicSigningKey)));
    expect(problemOf(await as(confused).get('/audit-trail'))).toMatchObject({
      status: 401,
      code: 'auth.token-invalid',
      detail: expect.stringMatching(/HS256 tokens are not accepted/),
    });
  });

  it('refuses the tokens of another provider, whose issuer and keys are not ours (401)', async () => {
    const other = await LocalIdentityProvider.start([{ clientId: 'audit-office', roles: ['auditor'] }]);
    try {
      expect(problemOf(await as(await other.token('audit-office')).get('/audit-trail'))).toMatchObject({ status: 401, code: 'auth.token-invalid' });
    } finally {
      await other.stop();
    }
  });

  it("follows the provider's key rotation, answering 503 while a new key cannot be fetched", async () => {
    const before = await provider.token('audit-office');
    const oldKid = provider.signingKid;
    await provider.rotateKeys();
    expect(provider.signingKid).not.toBe(oldKid);
    const after = await provider.token('audit-office');
    // Past jose's cooldown since the keys were read at start, an unknown kid is looked up.
    await sleep(Math.max(0, startedAt + JWKS_COOLDOWN_MS + 1_000 - Date.now()));
    const restore = provider.down();
    try {
      expect(problemOf(await as(after).get('/audit-trail'))).toMatchObject({
        status: 503,
        code: 'auth.provider-unavailable',
        detail: expect.stringMatching(/identity provider's keys cannot be fetched now/),
      });
      // A key fetched already does not need the provider.
      expect((await as(before).get('/audit-trail')).status).toBe(200);
    } finally {
      restore();
    }
    // A failed fetch starts no cooldown: the next request fetches the new keys.
    expect((await as(after).get('/audit-trail')).status).toBe(200);
    // The old key is still published during the rotation: its tokens still work.
    expect((await as(before).get('/audit-trail')).status).toBe(200);
  }, 60_000);
});

describe('identity: a provider beside the shared secret', () => {
  let provider: LocalIdentityProvider;
  let app: TestApp;

  beforeAll(async () => {
    provider = await LocalIdentityProvider.start([{ clientId: 'audit-office', roles: ['auditor'] }]);
    // JWKS_URL: no discovery, the keys where the operator says; roles in the default `roles` claim do not exist here.
    app = await TestApp.start({ env: { OIDC_ISSUER: provider.issuer, JWKS_URL: provider.jwksUrl, ROLES_CLAIM: 'realm_access.roles', JWT_SECRET: SECRET } });
  });

  afterAll(async () => {
    await app?.stop();
    await provider?.stop();
  });

  it("accepts both the operator's HS256 tokens and the provider's", async () => {
    expect((await (await app.as('ada', 'auditor')).get('/audit-trail')).status).toBe(200);
    expect((await new Client(app.baseUrl, await provider.token('audit-office')).get('/audit-trail')).status).toBe(200);
  });

  it('refuses an HS256 token with a control character in its subject (401)', async () => {
    for (const sub of ['ada\u0000', 'ada\u001b[31m', 'ada\u0085', 'ada\ud800']) {
      const token = await new SignJWT({ roles: ['auditor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer('portfolio-ledger')
        .setAudience('portfolio-ledger')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      expect(problemOf(await new Client(app.baseUrl, token).get('/audit-trail'))).toMatchObject({
        status: 401,
        code: 'auth.token-invalid',
        detail: expect.stringMatching(/control character or a lone surrogate/),
      });
    }
  });

  it("refuses an HS256 token signed with the provider's public key under its kid (401)", async () => {
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: provider.signingKid })
      .setSubject('mallory')
      .setIssuer(provider.issuer)
      .setAudience('portfolio-ledger')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(base64url.decode(provider.publicSigningKey.x!));
    expect(problemOf(await new Client(app.baseUrl, token).get('/audit-trail'))).toMatchObject({ status: 401, code: 'auth.token-invalid' });
  });
});

describe('identity: the provider checked at start', () => {
  it('fails the start with a message naming OIDC_ISSUER when discovery cannot be read', async () => {
    const provider = await LocalIdentityProvider.start([]);
    const issuer = provider.issuer;
    await provider.stop();
    await expect(connectIdentityProvider({ oidcIssuer: issuer, jwksUrl: undefined, rolesClaim: 'roles' })).rejects.toThrow(
      new RegExp(`OIDC_ISSUER=${issuer}: the discovery document ${issuer}/.well-known/openid-configuration cannot be read`),
    );
  });

  it('fails the start when the provider calls itself by another issuer, or JWKS_URL cannot be read', async () => {
    const provider = await LocalIdentityProvider.start([]);
    try {
      await expect(connectIdentityProvider({ oidcIssuer: `${provider.issuer}/`, jwksUrl: undefined, rolesClaim: 'roles' })).rejects.toThrow(
        /the provider calls itself "http:\/\/127\.0\.0\.1:\d+"; set OIDC_ISSUER to exactly that/,
      );
      await expect(connectIdentityProvider({ oidcIssuer: provider.issuer, jwksUrl: `${provider.issuer}/no-keys-here`, rolesClaim: 'roles' })).rejects.toThrow(
        /^JWKS_URL: the provider's keys at .* cannot be read/,
      );
      await expect(connectIdentityProvider({ oidcIssuer: provider.issuer, jwksUrl: undefined, rolesClaim: 'roles' })).resolves.toMatchObject({ issuer: provider.issuer });
    } finally {
      await provider.stop();
    }
  });
});
