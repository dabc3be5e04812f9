import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet, type JWTPayload } from 'jose';
import { InvalidTokenError, TokenService, type TokenLimits } from './token-service.js';

const secret = new TextEncoder().encode('a-secret-of-at-least-thirty-two-bytes!!');
const limits: TokenLimits = { audience: 'portfolio-ledger', maxTtlSeconds: 12 * 3600 };
const now = () => Math.floor(Date.now() / 1000);

/** Only Date moves: WebCrypto and the promises around it keep running on real time. */
function freezeClockAt(instant: number): void {
  jest.useFakeTimers({
    now: instant,
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
  });
}

/** A token signed with the service's secret, with exactly these claims (none added). */
function signed(claims: JWTPayload, key: Uint8Array = secret): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
}

/** The claims the service's own tokens carry, for a token valid for an hour from now. */
function goodClaims(): JWTPayload {
  return { sub: 'ada', roles: ['admin'], iss: 'portfolio-ledger', aud: 'portfolio-ledger', iat: now(), exp: now() + 3600 };
}

describe('TokenService', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('verifies the tokens it minted, as often as they are sent', async () => {
    const tokens = new TokenService(secret, limits);
    const token = await tokens.mint('ada', ['admin', 'auditor']);
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin', 'auditor'] });
    const again = await tokens.verify(token);
    expect(again).toEqual({ subject: 'ada', roles: ['admin', 'auditor'] });
    // Shared between requests: nobody may change it.
    expect(Object.isFrozen(again) && Object.isFrozen(again.roles)).toBe(true);
  });

  it('accepts a well-formed token it did not mint itself (the claims are the contract)', async () => {
    await expect(new TokenService(secret, limits).verify(await signed(goodClaims()))).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
  });

  it('mints tokens for 8 hours by default, carrying the service audience', async () => {
    const token = await new TokenService(secret, limits).mint('ada', ['admin']);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    expect(claims.aud).toBe('portfolio-ledger');
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('mints no longer than the maximum: the default shrinks to it, a longer lifetime is refused', async () => {
    const short = new TokenService(secret, { ...limits, maxTtlSeconds: 1800 });
    const token = await short.mint('ada', ['admin']);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    expect(claims.exp! - claims.iat!).toBe(1800);
    await expect(short.mint('ada', ['admin'], '31m')).rejects.toThrow(/at most 1800 s \(JWT_MAX_TTL\)/);
    await expect(new TokenService(secret, limits).mint('ada', ['admin'], '12h')).resolves.toEqual(expect.any(String));
    await expect(new TokenService(secret, limits).mint('ada', ['admin'], '13h')).rejects.toThrow(/JWT_MAX_TTL/);
    await expect(new TokenService(secret, limits).mint('ada', ['admin'], 'forever')).rejects.toThrow(/duration/);
  });

  it('refuses to mint for a subject with a control character', async () => {
    await expect(new TokenService(secret, limits).mint('ada\nadmin', ['admin'])).rejects.toThrow(/control character/);
  });

  it('refuses a token without exp', async () => {
    const { exp: _, ...claims } = goodClaims();
    await expect(new TokenService(secret, limits).verify(await signed(claims))).rejects.toThrow(/must expire: it has no exp claim/);
  });

  it('refuses a token that lives longer than the maximum, counted from iat', async () => {
    const tokens = new TokenService(secret, limits);
    await expect(tokens.verify(await signed({ ...goodClaims(), exp: now() + 12 * 3600 }))).resolves.toBeDefined();
    const issued = now() - 3600;
    // Only 11 hours left, but it was made to live 13: refused.
    await expect(tokens.verify(await signed({ ...goodClaims(), iat: issued, exp: issued + 13 * 3600 }))).rejects.toThrow(/lives 46800 s \(exp − iat\).*at most 43200 s/);
  });

  it('refuses a token without iat whose exp lies further than the maximum from now', async () => {
    const { iat: _, ...claims } = goodClaims();
    const tokens = new TokenService(secret, limits);
    await expect(tokens.verify(await signed({ ...claims, exp: now() + 11 * 3600 }))).resolves.toBeDefined();
    await expect(tokens.verify(await signed({ ...claims, exp: now() + 13 * 3600 }))).rejects.toThrow(/\(exp − now\)/);
  });

  it('refuses a token issued in the future beyond a minute of clock skew', async () => {
    const tokens = new TokenService(secret, limits);
    await expect(tokens.verify(await signed({ ...goodClaims(), iat: now() + 30 }))).resolves.toBeDefined();
    await expect(tokens.verify(await signed({ ...goodClaims(), iat: now() + 120 }))).rejects.toThrow(/issued in the future/);
  });

  it('refuses a token for another audience, or for none', async () => {
    const tokens = new TokenService(secret, limits);
    await expect(tokens.verify(await signed({ ...goodClaims(), aud: 'another-service' }))).rejects.toThrow(/audience \(aud\) must be "portfolio-ledger"/);
    const { aud: _, ...claims } = goodClaims();
    await expect(tokens.verify(await signed(claims))).rejects.toThrow(/audience \(aud\)/);
    // A token minted for another audience by a service sharing the secret.
    const other = await new TokenService(secret, { ...limits, audience: 'another-service' }).mint('ada', ['admin']);
    await expect(tokens.verify(other)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a subject with a control character or a lone surrogate', async () => {
    const tokens = new TokenService(secret, limits);
    for (const sub of ['ada\u0000', 'ada\u0007', 'a\u001bda', 'ada\u007f', 'ada\u0085', 'ada\u009f', 'ada\ud800', '\udc00ada', '', ' ', 'a'.repeat(256)]) {
      await expect(tokens.verify(await signed({ ...goodClaims(), sub }))).rejects.toThrow(InvalidTokenError);
    }
    // Any script, and characters outside the basic plane (a pair of surrogates), are fine.
    for (const sub of ['Фатима', 'عائشة', '𝒜da', 'ada@example.org']) {
      await expect(tokens.verify(await signed({ ...goodClaims(), sub }))).resolves.toEqual({ subject: sub, roles: ['admin'] });
    }
  });

  it('ignores unknown roles, and refuses a token with no known one', async () => {
    const tokens = new TokenService(secret, limits);
    await expect(tokens.verify(await signed({ ...goodClaims(), roles: ['root', 'auditor'] }))).resolves.toEqual({ subject: 'ada', roles: ['auditor'] });
    await expect(tokens.verify(await signed({ ...goodClaims(), roles: ['root'] }))).rejects.toThrow(/no role this service knows/);
  });

  it('refuses an asymmetric token when no provider is configured, and "none"', async () => {
    const tokens = new TokenService(secret, limits);
    const { privateKey } = await generateKeyPair('ES256');
    const es256 = await new SignJWT(goodClaims()).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    await expect(tokens.verify(es256)).rejects.toThrow(/ES256 are not accepted; this service accepts HS256/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(goodClaims())).toString('base64url')}.`;
    await expect(tokens.verify(none)).rejects.toThrow(/none are not accepted/);
    await expect(tokens.verify('not-a-token')).rejects.toThrow(/not a JWT/);
  });

  it("refuses HS256 when only a provider's tokens are accepted, and checks the provider's issuer", async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
    const tokens = new TokenService(undefined, limits, { provider: { issuer: 'https://id.example.org', keys, rolesClaim: 'realm_access.roles' } });
    const fromProvider = (claims: JWTPayload) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
    const claims = { ...goodClaims(), iss: 'https://id.example.org', roles: undefined, realm_access: { roles: ['approver', 'offline_access'] } };
    await expect(tokens.verify(await fromProvider(claims))).resolves.toEqual({ subject: 'ada', roles: ['approver'] });
    await expect(tokens.verify(await fromProvider({ ...claims, iss: 'https://evil.example.org' }))).rejects.toThrow(/issuer \(iss\)/);
    await expect(tokens.verify(await fromProvider({ ...claims, exp: now() + 13 * 3600 }))).rejects.toThrow(/at most 43200 s/);
    await expect(tokens.verify(await signed(goodClaims()))).rejects.toThrow(/HS256 tokens are not accepted: no shared secret/);
    await expect(tokens.mint('ada', ['admin'])).rejects.toThrow(/no shared secret/);
  });

  it('refuses a remembered token once it has expired', async () => {
    const start = Date.parse('2026-11-23T10:00:00Z');
    freezeClockAt(start);
    const tokens = new TokenService(secret, limits);
    const token = await tokens.mint('ada', ['admin'], '2s');
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
    jest.setSystemTime(start + 1_000);
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
    jest.setSystemTime(start + 2_000);
    await expect(tokens.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a token signed with another secret, whatever it remembers', async () => {
    const tokens = new TokenService(secret, limits, { rememberedTokens: 1 });
    const other = new TokenService(new TextEncoder().encode('another-secret-of-thirty-two-bytes!!!!'), limits);
    const good = await tokens.mint('ada', ['admin']);
    await tokens.verify(good);
    const forged = await other.mint('ada', ['admin']);
    await expect(tokens.verify(forged)).rejects.toThrow(InvalidTokenError);
    // The remembered token is pushed out by another and is still verified afresh afterwards.
    await tokens.verify(await tokens.mint('bea', ['donor']));
    await expect(tokens.verify(good)).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
    // A character in the middle of the signature (the last one carries only 4 bits).
    const signatureAt = good.lastIndexOf('.') + 10;
    const tampered = `${good.slice(0, signatureAt)}${good[signatureAt] === 'A' ? 'B' : 'A'}${good.slice(signatureAt + 1)}`;
    await expect(tokens.verify(tampered)).rejects.toThrow(InvalidTokenError);
  });
});
