import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { InvalidTokenError, TokenService } from './token-service.js';

const secret = new TextEncoder().encode('a-secret-of-at-least-thirty-two-bytes!!');

/** Only Date moves: WebCrypto and the promises around it keep running on real time. */
function freezeClockAt(instant: number): void {
  jest.useFakeTimers({
    now: instant,
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
  });
}

describe('TokenService', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('verifies the tokens it minted, as often as they are sent', async () => {
    const tokens = new TokenService(secret);
    const token = await tokens.mint('ada', ['admin', 'auditor']);
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin', 'auditor'] });
    const again = await tokens.verify(token);
    expect(again).toEqual({ subject: 'ada', roles: ['admin', 'auditor'] });
    // Shared between requests: nobody may change it.
    expect(Object.isFrozen(again) && Object.isFrozen(again.roles)).toBe(true);
  });

  it('refuses a remembered token once it has expired', async () => {
    const start = Date.parse('2026-11-23T10:00:00Z');
    freezeClockAt(start);
    const tokens = new TokenService(secret);
    const token = await tokens.mint('ada', ['admin'], '2s');
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
    jest.setSystemTime(start + 1_000);
    await expect(tokens.verify(token)).resolves.toEqual({ subject: 'ada', roles: ['admin'] });
    jest.setSystemTime(start + 2_000);
    await expect(tokens.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(tokens.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a token signed with another secret, whatever it remembers', async () => {
    const tokens = new TokenService(secret, 1);
    const other = new TokenService(new TextEncoder().encode('another-secret-of-thirty-two-bytes!!!!'));
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
