import { attachmentOf, basicInstant } from './export-filename.js';

describe('the name of a download', () => {
  it('says what it holds, its filters and as of when, in a name any file system takes', () => {
    const disposition = attachmentOf({
      what: 'portfolio',
      filters: { status: ['active', 'completed'], region: ['asia-and-oceania'], state: undefined, q: '  ' },
      asOf: '2026-01-20T09:00:00.000Z',
      extension: 'csv',
    });
    expect(disposition).toBe('attachment; filename="portfolio-status-active+completed-region-asia-and-oceania-as-of-20260120T090000Z.csv"');
  });

  it('adds a UTF-8 filename* when the filters hold other characters, and an ASCII fallback', () => {
    const disposition = attachmentOf({ what: 'portfolio', filters: { q: 'миграция "x"/y' }, asOf: '2026-01-20T09:00:00.123Z', extension: 'csv' });
    expect(disposition).toContain('filename="portfolio-q-_x_y-as-of-20260120T090000.123Z.csv"');
    const star = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
    expect(star).toMatch(/^[A-Za-z0-9%._~!$&+^`|#-]+$/);
    expect(decodeURIComponent(star)).toBe('portfolio-q-миграция_x_y-as-of-20260120T090000.123Z.csv');
  });

  it('writes instants in ISO 8601 basic form, without colons', () => {
    expect(basicInstant('2026-03-05T23:59:59Z')).toBe('20260305T235959Z');
    expect(basicInstant('2026-03-05T23:59:59.5+01:00')).toBe('20260305T225959.500Z');
  });
});
