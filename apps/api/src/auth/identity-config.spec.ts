import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '#runtime';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
};

describe('identity configuration', () => {
  it('defaults to the service audience, 12 hours at most and roles in `roles`', () => {
    const config = loadConfig({});
    expect([config.jwtAudience, config.jwtMaxTtlSeconds, config.rolesClaim, config.oidcIssuer, config.jwksUrl]).toEqual([
      'portfolio-ledger',
      43_200,
      'roles',
      undefined,
      undefined,
    ]);
  });

  it('reads JWT_MAX_TTL in seconds, minutes, hours or days', () => {
    expect(['3600s', '30m', '12h', '1d'].map((value) => loadConfig({ JWT_MAX_TTL: value }).jwtMaxTtlSeconds)).toEqual([3600, 1800, 43_200, 86_400]);
  });

  it('refuses a JWT_MAX_TTL that is no duration, under a minute or over a week', () => {
    for (const value of ['12', '12 hours', '-1h', '0s', '59s', '8d', '1.5h']) {
      expect(problemsOf({ JWT_MAX_TTL: value })).toEqual([expect.stringMatching(/^JWT_MAX_TTL=.*expected a duration/)]);
    }
  });

  it('accepts an https provider, or http on the loopback interface only', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example.org/realms/fund' }).oidcIssuer).toBe('https://id.example.org/realms/fund');
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidcIssuer).toBe('http://127.0.0.1:8080');
    for (const value of ['http://id.example.org', 'id.example.org', 'https://id.example.org/?realm=x', 'https://user:pw@id.example.org', 'ftp://id.example.org']) {
      expect(problemsOf({ OIDC_ISSUER: value })).toEqual([expect.stringMatching(/^OIDC_ISSUER=.*https:\/\//)]);
    }
  });

  it('refuses JWKS_URL without the issuer its tokens must name', () => {
    expect(problemsOf({ JWKS_URL: 'https://id.example.org/jwks' })).toEqual([expect.stringMatching(/JWKS_URL needs OIDC_ISSUER/)]);
    expect(loadConfig({ JWKS_URL: 'https://id.example.org/jwks', OIDC_ISSUER: 'https://id.example.org' }).jwksUrl).toBe('https://id.example.org/jwks');
  });

  it('reads the organisation from `organisation` unless ORGANISATION_CLAIM names another claim', () => {
    expect(loadConfig({}).organisationClaim).toBe('organisation');
    expect(loadConfig({ ORGANISATION_CLAIM: 'ext.org' }).organisationClaim).toBe('ext.org');
    expect(problemsOf({ ORGANISATION_CLAIM: 'ext..org' })).toEqual([expect.stringMatching(/^ORGANISATION_CLAIM=/)]);
  });

  it('refuses a ROLES_CLAIM path with an empty step', () => {
    expect(loadConfig({ ROLES_CLAIM: 'realm_access.roles' }).rolesClaim).toBe('realm_access.roles');
    expect(problemsOf({ ROLES_CLAIM: 'realm_access..roles' })).toEqual([expect.stringMatching(/^ROLES_CLAIM=/)]);
  });
});
