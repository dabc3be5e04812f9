import { countryName, isIso3166Alpha2 } from './iso-3166.js';

describe('ISO 3166-1 alpha-2 beneficiary state codes', () => {
  it.each(['KG', 'KZ', 'TJ', 'FR', 'GE', 'SN', 'PS', 'TW', 'AQ', 'XK'])('accepts %s', (code) => {
    expect(isIso3166Alpha2(code)).toBe(true);
  });

  it.each(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'UK', 'SU', 'YU', 'AN', 'CS', 'DD', 'AA', 'XX', 'QU'])(
    'refuses %s, which is not an assigned country code',
    (code) => {
      expect(isIso3166Alpha2(code)).toBe(false);
    },
  );

  it.each(['kg', 'KGZ', 'K', '', ' KG', 'DE-BY', 417, null])('refuses the malformed %j', (code) => {
    expect(isIso3166Alpha2(code)).toBe(false);
  });

  it('knows exactly the 249 assigned codes plus Kosovo', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const valid = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter(isIso3166Alpha2);
    expect(valid).toHaveLength(250);
  });

  it('names a country in English', () => {
    expect(countryName('KG')).toBe('Kyrgyzstan');
    expect(countryName('EU')).toBeUndefined();
  });
});
