import { describe, expect, it } from '@jest/globals';
import { InvalidTokenError, organisationAt, principalOf, rolesAt, subjectProblem } from './token-claims.js';

describe('where a token carries its roles', () => {
  it('reads a claim by name, or by a dotted path', () => {
    expect(rolesAt({ roles: ['admin'] }, 'roles')).toEqual(['admin']);
    expect(rolesAt({ realm_access: { roles: ['auditor', 'uma_authorization'] } }, 'realm_access.roles')).toEqual(['auditor']);
    expect(rolesAt({ resource_access: { ledger: { roles: ['donor'] } } }, 'resource_access.ledger.roles')).toEqual(['donor']);
  });

  it('reads a namespaced claim whose name holds dots as one name first', () => {
    expect(rolesAt({ 'https://ledger.example.org/roles': ['approver'] }, 'https://ledger.example.org/roles')).toEqual(['approver']);
  });

  it('reads a space-separated string, drops unknown roles and repeats', () => {
    expect(rolesAt({ roles: 'admin auditor admin root' }, 'roles')).toEqual(['admin', 'auditor']);
  });

  it('finds nothing where the path leads nowhere or to something else', () => {
    expect(rolesAt({ realm_access: ['admin'] }, 'realm_access.roles')).toEqual([]);
    expect(rolesAt({ roles: { admin: true } }, 'roles')).toEqual([]);
    expect(rolesAt({ roles: [1, null, 'admin'] }, 'roles')).toEqual(['admin']);
    expect(rolesAt({}, 'constructor.name')).toEqual([]);
  });
});

describe('who may be a subject', () => {
  it('accepts names in any script', () => {
    expect(subjectProblem('Fatima')).toBeUndefined();
    expect(subjectProblem('فاطمة')).toBeUndefined();
    expect(subjectProblem('auth0|5f7c8ec7c33c6c004bbafe82')).toBeUndefined();
  });

  it('refuses every C0 and C1 control character, DEL and lone surrogates', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, code) => code), 0x7f, ...Array.from({ length: 0x20 }, (_, code) => 0x80 + code)];
    for (const code of controls) expect(subjectProblem(`ada${String.fromCharCode(code)}`)).toMatch(/control character/);
    expect(subjectProblem('ada\ud83d')).toMatch(/lone surrogate/);
    expect(subjectProblem('\ude00ada')).toMatch(/lone surrogate/);
  });
});

describe("where a token names the caller's organisation", () => {
  it('reads the claim by name or dotted path, and leaves a token without one with none', () => {
    expect(organisationAt({ organisation: 'Government of Norway' }, 'organisation')).toBe('Government of Norway');
    expect(organisationAt({ ext: { org: 'Germany (BMZ)' } }, 'ext.org')).toBe('Germany (BMZ)');
    expect(organisationAt({}, 'organisation')).toBeUndefined();
    const principal = principalOf({ sub: 'nora', roles: ['donor'], organisation: 'Norad' }, 'roles');
    expect(principal).toEqual({ subject: 'nora', roles: ['donor'], organisation: 'Norad' });
    expect(principalOf({ sub: 'dmitri', roles: ['donor'] }, 'roles')).not.toHaveProperty('organisation');
  });

  it('refuses a claim that is not an organisation name', () => {
    for (const value of ['', '   ', ['Norway'], 42, 'Nor\u0000way', 'x'.repeat(201)]) {
      expect(() => organisationAt({ organisation: value }, 'organisation')).toThrow(InvalidTokenError);
    }
  });
});
