import { CLIENT_ID_PATTERN, isClientId } from './client-id.js';

describe('client-chosen ids', () => {
  it.each(['D-1', 'REV-12', 'final-narrative', 'a.b_c~d-f', '0', 'x'.repeat(100), '1b4e28ba-2fa1-11d2-883f-0016d3cca427'])('accepts %s', (id) => {
    expect(isClientId(id)).toBe(true);
  });

  it.each(['', ' x', 'x ', 'a/b', 'a?b', 'a#b', 'a%20b', 'a:b', '-x', '.x', 'don\u200fr', '\ufeffx', 'x\u200b', '🙂', 'a\tb', 'a\nb', 'x'.repeat(101), 'é'])(
    'refuses %j',
    (id) => {
      expect(isClientId(id)).toBe(false);
    },
  );

  it('holds only characters that need no escaping in a URL path or a header', () => {
    const allowed = [...Array(128).keys()].map((code) => String.fromCharCode(code)).filter((character) => CLIENT_ID_PATTERN.test(`a${character}`));
    for (const character of allowed) expect(encodeURIComponent(character)).toBe(character);
  });
});
