import { describe, expect, it } from '@jest/globals';
import { sameOriginPath } from './same-origin-path.js';

describe('where a sign-in may send the browser', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(sameOriginPath('/portal/my-contributions')).toBe('/portal/my-contributions');
    expect(sameOriginPath('/portal/projects?status=active&lang=fr#list')).toBe('/portal/projects?status=active&lang=fr#list');
    expect(sameOriginPath('/')).toBe('/');
  });

  it('refuses anything a browser could read as another site', () => {
    for (const next of ['//evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', 'http:evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', ' /portal', 'portal', '', '/portal\u0000']) {
      expect({ next, path: sameOriginPath(next) }).toEqual({ next, path: undefined });
    }
    expect(sameOriginPath(undefined)).toBeUndefined();
    expect(sameOriginPath(['/portal'])).toBeUndefined();
    expect(sameOriginPath(`/${'a'.repeat(2_000)}`)).toBeUndefined();
  });

  it('normalises dot segments without leaving the site', () => {
    expect(sameOriginPath('/portal/../../../etc')).toBe('/etc');
  });
});
