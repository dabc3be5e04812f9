import { completeLines } from '../src/pages/explorer/verification/verification-stream.js';

/** GET /verification arrives in pieces that need not end where its lines end. */
describe('the lines of a streamed verification', () => {
  it('gives each complete line once, keeping a line cut between pieces for the next', () => {
    const answer = '{"progress":{"phase":"events","done":"2000","of":"4100"}}\n{"break":{"kind":"position-gap","from":"8","to":"8"}}\n{"summary":{"intact":false}}\n';
    for (const size of [1, 7, 50, answer.length]) {
      const lines: string[] = [];
      let rest = '';
      for (let at = 0; at < answer.length; at += size) {
        const split = completeLines(rest, answer.slice(at, at + size));
        lines.push(...split.lines);
        rest = split.rest;
      }
      expect(rest).toBe('');
      expect(lines.map((line) => Object.keys(JSON.parse(line))[0])).toEqual(['progress', 'break', 'summary']);
    }
  });

  it('keeps an unfinished last line, and skips blank ones', () => {
    expect(completeLines('', '\n{"a":1}\n\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
    expect(completeLines('{"b"', ':2}\n')).toEqual({ lines: ['{"b":2}'], rest: '' });
  });
});
