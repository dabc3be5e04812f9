import { jsonLine } from './json-lines.js';

describe('the JSON Lines writer', () => {
  it('writes one value per line, LF-terminated, that parses back to the value', () => {
    const entry = { eventId: 'e-1', reason: 'first line\nsecond line\r\n', title: { ru: 'Миграция', ar: 'الهجرة' }, amount: '37887.00', none: null };
    const line = jsonLine(entry);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
    expect(JSON.parse(line)).toEqual(entry);
  });

  it('keeps non-Latin text as UTF-8 rather than escapes, and U+2028 within its line', () => {
    const line = jsonLine({ text: 'მიგრაცია\u2028next' });
    expect(line).toContain('მიგრაცია');
    expect(line.split('\n')).toHaveLength(2);
    expect(JSON.parse(line).text).toBe('მიგრაცია\u2028next');
  });
});
