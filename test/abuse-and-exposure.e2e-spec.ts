import { TestApp } from './support/test-app.js';

/** A request over real HTTP, answered as status, headers and text (the body of /docs is HTML). */
async function send(app: TestApp, path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${app.baseUrl}${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectTooMany(reply: { status: number; headers: Headers; text: string }, detail: RegExp): void {
  expect(reply.status).toBe(429);
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(reply.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  const body = JSON.parse(reply.text);
  expect(body).toMatchObject({ status: 429, code: 'rate-limit.exceeded', title: 'Too Many Requests' });
  expect(body.detail).toMatch(detail);
}

describe('abuse and exposure: security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('sends them on every answer, errors included, and never X-Powered-By', async () => {
    const token = await app.token('auditor-1', 'auditor');
    const answers = {
      ok: await send(app, '/code-lists/regions', { headers: bearer(token) }),
      notFound: await send(app, '/no-such-route'),
      unauthorised: await send(app, '/approval-queue'),
      tooLarge: await send(app, '/projects', {
        method: 'POST',
        headers: { ...bearer(await app.token('manager-1', 'fund-manager')), 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x'.repeat(2_000_000) }),
      }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([name, reply]) => [name, reply.status]))).toEqual({
      ok: 200,
      notFound: 404,
      unauthorised: 401,
      tooLarge: 413,
    });
    for (const reply of Object.values(answers)) {
      expect(reply.headers.get('x-powered-by')).toBeNull();
      expect(reply.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('lets the Swagger UI at /docs load its scripts and styles from this origin, none inline', async () => {
    const page = await send(app, '/docs');
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-powered-by')).toBeNull();
    // A script without src would be blocked by script-src 'self'.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const assets = [...page.text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.filter((asset) => asset.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
    expect(assets.some((asset) => asset.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const url = new URL(asset, `${app.baseUrl}/docs`); // as the browser resolves it from the page
      expect(url.origin).toBe(app.baseUrl);
      const reply = await fetch(url);
      expect({ asset, status: reply.status }).toEqual({ asset, status: 200 });
      await reply.arrayBuffer();
    }
    const document = await send(app, '/docs/openapi.json');
    expect(JSON.parse(document.text).info.title).toBe('Portfolio Ledger');
  });
});

describe('abuse and exposure: rate limits', () => {
  it('refuses an address after 20 failed authentications a minute, whatever it sends next', async () => {
    const app = await TestApp.start();
    try {
      const valid = await app.token('auditor-1', 'auditor');
      for (let attempt = 1; attempt <= 20; attempt++) {
        const reply = await send(app, '/code-lists/regions', { headers: bearer(`${valid.slice(0, -4)}AAAA`) });
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 401 });
      }
      expectTooMany(await send(app, '/code-lists/regions', { headers: bearer('guess') }), /more than 20 failed authentications a minute from this address/);
      expectTooMany(await send(app, '/code-lists/regions', { headers: bearer(valid) }), /failed authentications/);
      expect((await send(app, '/health')).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('limits each token subject apart, from one address', async () => {
    const app = await TestApp.start({ env: { RATE_LIMIT_PER_SUBJECT: '3' } });
    try {
      const first = bearer(await app.token('auditor-1', 'auditor'));
      for (let request = 1; request <= 3; request++) expect((await send(app, '/code-lists/regions', { headers: first })).status).toBe(200);
      expectTooMany(await send(app, '/code-lists/regions', { headers: first }), /more than 3 requests a minute for this token subject/);
      // Another subject on the same address, and the same subject with another role, count apart / together.
      expect((await send(app, '/code-lists/regions', { headers: bearer(await app.token('auditor-2', 'auditor')) })).status).toBe(200);
      expect((await send(app, '/code-lists/regions', { headers: bearer(await app.token('auditor-1', 'admin')) })).status).toBe(429);
    } finally {
      await app.stop();
    }
  });

  it('limits each client address, named by X-Forwarded-For only behind a trusted proxy', async () => {
    const behindProxy = await TestApp.start({ env: { RATE_LIMIT_PER_ADDRESS: '2', TRUST_PROXY: 'loopback', RATE_LIMIT_FAILED_AUTH: '0' } });
    try {
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      expect((await send(behindProxy, '/no-such-route', from('203.0.113.7'))).status).toBe(404);
      expect((await send(behindProxy, '/approval-queue', from('203.0.113.7'))).status).toBe(401);
      expectTooMany(await send(behindProxy, '/no-such-route', from('203.0.113.7')), /more than 2 requests a minute from this address/);
      expect((await send(behindProxy, '/no-such-route', from('203.0.113.8'))).status).toBe(404);
      expect((await send(behindProxy, '/health', from('203.0.113.7'))).status).toBe(200);
    } finally {
      await behindProxy.stop();
    }
    const direct = await TestApp.start({ env: { RATE_LIMIT_PER_ADDRESS: '2' } });
    try {
      expect((await send(direct, '/no-such-route', { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(404);
      expect((await send(direct, '/no-such-route', { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(404);
      expectTooMany(await send(direct, '/no-such-route', { headers: { 'x-forwarded-for': '203.0.113.3' } }), /from this address/);
    } finally {
      await direct.stop();
    }
  });

  it('turns a limit off at 0: 40 failed authentications are all answered 401', async () => {
    const app = await TestApp.start({ env: { RATE_LIMIT_FAILED_AUTH: '0' } });
    try {
      const statuses = [];
      for (let attempt = 0; attempt < 40; attempt++) statuses.push((await send(app, '/code-lists/regions', { headers: bearer('guess') })).status);
      expect(new Set(statuses)).toEqual(new Set([401]));
    } finally {
      await app.stop();
    }
  });
});
