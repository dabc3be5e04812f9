import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt } from 'jose';
import type { Role } from '#domain';
import { SESSION_COOKIE } from '../apps/api/src/auth/session/session-cookie.js';
import { issueSignInTicket, type SignInRequest } from '../apps/api/src/auth/sign-in-link/sign-in-ticket.js';
import { TokenService } from '../apps/api/src/auth/token-service.js';
import { tokenLimitsOf } from '../apps/api/src/auth/token-claims.js';
import { nationalProposal } from './support/fixtures.js';
import { approved } from './support/ledger-journeys.js';
import { ensureEnvelope, expectProblem, forgedToken, projectSnapshot, staffOf, utcToday, type Staff } from './support/ledger.js';
import { TestApp, type Reply } from './support/test-app.js';

/**
 * A browser's session over HTTP: the token kept in an HttpOnly cookie (opened with a bearer
 * token, or by a sign-in link the CLI prints), read by the guard like a bearer token, never
 * enough on its own for a change, and ended by signing out or by its token's expiry.
 */
const SECRET = 'session-tests-shared-secret-0123456789abcdef';
const YEAR = new Date().getUTCFullYear();
const WEB = { 'x-requested-with': 'portfolio-ledger-web' };
const run = promisify(execFile);

interface Answer extends Reply {
  /** The Set-Cookie lines of the answer. */
  cookies: string[];
}

/** One request as a browser's script would send it: a session cookie, headers, a JSON body; redirects are not followed. */
async function call(baseUrl: string, method: string, path: string, options: { session?: string; bearer?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(options.session === undefined ? {} : { cookie: `${SESSION_COOKIE}=${options.session}` }),
      ...(options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, cookies: response.headers.getSetCookie() };
}

/** The session cookie an answer sets: its value and attributes, by name (lower case). */
function sessionCookieOf(answer: Answer): { value: string; attributes: Record<string, string | true> } | undefined {
  const line = answer.cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (line === undefined) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return {
    value: pair!.slice(SESSION_COOKIE.length + 1),
    attributes: Object.fromEntries(attributes.map((attribute) => {
      const [name, ...value] = attribute.split('=');
      return [name!.toLowerCase(), value.length > 0 ? value.join('=') : true];
    })),
  };
}

/** The answer clears the session cookie (empty, expired). */
function expectCleared(answer: Answer): void {
  const cookie = sessionCookieOf(answer);
  expect(cookie?.value).toBe('');
  expect(Date.parse(String(cookie?.attributes['expires']))).toBeLessThan(Date.now());
}

describe('a browser session (cookie)', () => {
  let app: TestApp;
  let staff: Staff;
  let tokens: TokenService;
  let projectId: string;
  let position: string;
  const secret = new TextEncoder().encode(SECRET);
  const ticketFor = (request: Partial<SignInRequest> = {}) =>
    issueSignInTicket(secret, app.config.jwtAudience, { subject: 'nora', roles: ['donor'], organisation: 'Government of Norway', sessionSeconds: 3600, next: '/portal/my-contributions', ...request });
  const follow = (ticket: string) => call(app.baseUrl, 'GET', `/auth/link?ticket=${encodeURIComponent(ticket)}`);

  beforeAll(async () => {
    // No limit on failed authentications: these tests answer many a 401 on purpose.
    app = await TestApp.start({ env: { JWT_SECRET: SECRET, RATE_LIMIT_FAILED_AUTH: '0' } });
    tokens = new TokenService(secret, tokenLimitsOf(app.config));
    staff = await staffOf(app);
    await ensureEnvelope(staff.admin, YEAR, 1, '1000000.00');
    projectId = await approved(staff, nationalProposal());
    const pledge = await staff.admin.post('/contributions', { contributionId: 'NO-1', donor: 'Government of Norway', year: YEAR, fundingLine: 1, amount: '200000.00' });
    expect(pledge.status).toBe(201);
    const receipt = await staff.financeOfficer.post('/contributions/NO-1/receipts', { receiptId: 'R-1', amount: '120000.00', receivedOn: utcToday() });
    expect(receipt.status).toBe(200);
    position = receipt.body.position;
  });
  afterAll(() => app?.stop());

  describe('opened with a bearer token (POST /auth/session)', () => {
    it('keeps the token in an HttpOnly, SameSite=Strict cookie for all paths, living as long as the token', async () => {
      const token = await tokens.mint('fatima', ['fund-manager'], '2h');
      const opened = await call(app.baseUrl, 'POST', '/auth/session', { bearer: token, headers: WEB });

      expect(opened.status).toBe(200);
      expect(opened.headers.get('cache-control')).toBe('no-store');
      const cookie = sessionCookieOf(opened)!;
      expect(cookie.value).toBe(token);
      expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
      // Reached over plain http (PUBLIC_URL): not Secure, or the browser would never send it back.
      expect(cookie.attributes['secure']).toBeUndefined();
      const lifetime = decodeJwt(token).exp! - Date.now() / 1000;
      expect(Math.abs(Number(cookie.attributes['max-age']) - lifetime)).toBeLessThanOrEqual(2);
      expect(opened.body).toEqual({ signedIn: true, subject: 'fatima', roles: ['fund-manager'], expiresAt: new Date(decodeJwt(token).exp! * 1000).toISOString() });
    });

    it('refuses to open a session without a token, or with one the service does not accept', async () => {
      expectProblem(await call(app.baseUrl, 'POST', '/auth/session', { headers: WEB }), 401, 'auth.token-missing');
      const forged = await call(app.baseUrl, 'POST', '/auth/session', { bearer: await forgedToken('mallory', 'admin'), headers: WEB });
      expectProblem(forged, 401, 'auth.token-invalid');
      expect(sessionCookieOf(forged)).toBeUndefined();
    });
  });

  describe('who the session names (GET /auth/session)', () => {
    it('says signed out without a cookie, and who with one, never cached', async () => {
      const none = await call(app.baseUrl, 'GET', '/auth/session');
      expect(none.body).toEqual({ signedIn: false });
      expect(none.headers.get('cache-control')).toBe('no-store');

      const token = await tokens.mint('nora', ['donor'], '1h', { organisation: 'Government of Norway' });
      const session = await call(app.baseUrl, 'GET', '/auth/session', { session: token });
      expect(session.body).toEqual({ signedIn: true, subject: 'nora', roles: ['donor'], organisation: 'Government of Norway', expiresAt: new Date(decodeJwt(token).exp! * 1000).toISOString() });
      expect(session.headers.get('cache-control')).toBe('no-store');
    });

    it('says signed out, and clears the cookie, when its token is no longer valid', async () => {
      const ended = await call(app.baseUrl, 'GET', '/auth/session', { session: await forgedToken('mallory', 'donor') });
      expect(ended.body).toEqual({ signedIn: false });
      expectCleared(ended);
    });
  });

  describe('requests made with the session', () => {
    it('reads exactly what the same token sent as a bearer reads', async () => {
      const manager = await tokens.mint('fatima', ['fund-manager']);
      const donor = await tokens.mint('nora', ['donor'], undefined, { organisation: 'Government of Norway' });
      for (const [token, path] of [
        [manager, `/projects/${projectId}`],
        [donor, `/funding/my-contributions?minPosition=${position}`],
      ] as const) {
        const [withCookie, withBearer] = await Promise.all([call(app.baseUrl, 'GET', path, { session: token }), call(app.baseUrl, 'GET', path, { bearer: token })]);
        expect(withCookie.status).toBe(200);
        expect(withCookie.body).toEqual(withBearer.body);
        expect(withCookie.headers.get('etag')).toBe(withBearer.headers.get('etag'));
      }
    });

    it('refuses a change sent with the cookie but without the web application’s header, recording nothing', async () => {
      const manager = await tokens.mint('fatima', ['fund-manager']);
      const before = await projectSnapshot(staff.auditor, projectId);
      const head = await app.eventStoreHead();
      const proposal = nationalProposal();

      const drafted = await call(app.baseUrl, 'POST', '/projects', { session: manager, body: proposal });
      const focalPoint = await call(app.baseUrl, 'POST', `/projects/${projectId}/focal-point`, {
        session: manager,
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        body: { name: 'Aibek Osmonov', organisation: 'State Migration Service' },
      });

      expectProblem(drafted, 403, 'auth.cross-site');
      expectProblem(focalPoint, 403, 'auth.cross-site');
      expect(await app.eventStoreHead()).toBe(head);
      expect(await projectSnapshot(staff.auditor, projectId)).toEqual(before);
      expectProblem(await staff.auditor.get(`/projects/${proposal.projectId}`), 404, 'project.not-found');
    });

    it('takes a change sent with the cookie and the header, recorded as the session’s subject', async () => {
      const manager = await tokens.mint('fatima', ['fund-manager']);
      const proposal = nationalProposal();
      const drafted = await call(app.baseUrl, 'POST', '/projects', { session: manager, headers: WEB, body: proposal });
      expect(drafted.status).toBe(201);
      const events = await staff.auditor.get(`/projects/${proposal.projectId}/events`);
      expect(events.body.events[0].metadata).toMatchObject({ actorId: 'fatima', actorRole: 'fund-manager' });
    });

    it('lets a bearer header win over the cookie', async () => {
      const donor = await tokens.mint('nora', ['donor'], undefined, { organisation: 'Government of Norway' });
      const auditor = await tokens.mint('aurelia', ['auditor']);
      expect((await call(app.baseUrl, 'GET', '/audit-trail?limit=1', { session: donor, bearer: auditor })).status).toBe(200);
      // A bad cookie is not even read when a bearer token is sent.
      expect((await call(app.baseUrl, 'GET', '/audit-trail?limit=1', { session: await forgedToken('mallory', 'admin'), bearer: auditor })).status).toBe(200);
      // …and a change with a bearer token needs no header: another site cannot send one.
      const proposal = nationalProposal();
      expect((await call(app.baseUrl, 'POST', '/projects', { session: donor, bearer: await tokens.mint('fatima', ['fund-manager']), body: proposal })).status).toBe(201);
    });

    it('reads as a visitor where visitors may read once the session has ended, clearing the cookie', async () => {
      const path = `/portfolio/${projectId}?minPosition=${position}`;
      const ended = await call(app.baseUrl, 'GET', path, { session: await forgedToken('nora', 'donor') });
      const visitor = await call(app.baseUrl, 'GET', path);
      expect(ended.status).toBe(200);
      expect(ended.body).toEqual(visitor.body);
      expectCleared(ended);
    });

    it('answers 401 auth.session-expired elsewhere once the token has expired, clearing the cookie', async () => {
      // `exp` is in whole seconds from the second the token was minted in, so a '1s' token may
      // have only milliseconds left; three seconds leave at least two for the first request
      // on a slow machine, and the test then waits for the `exp` the token itself carries.
      const shortLived = await tokens.mint('nora', ['donor'], '3s', { organisation: 'Government of Norway' });
      expect((await call(app.baseUrl, 'GET', '/funding/my-contributions', { session: shortLived })).status).toBe(200);
      await sleep(decodeJwt(shortLived).exp! * 1000 - Date.now() + 100);
      const expired = await call(app.baseUrl, 'GET', '/funding/my-contributions', { session: shortLived });
      expectProblem(expired, 401, 'auth.session-expired');
      expect(expired.body.detail).toMatch(/expired/);
      expectCleared(expired);
      // A change with an ended session is refused too, not read as a visitor.
      expectProblem(await call(app.baseUrl, 'POST', '/projects', { session: shortLived, headers: WEB, body: nationalProposal() }), 401, 'auth.session-expired');
    });
  });

  describe('signing out (DELETE /auth/session)', () => {
    it('clears the cookie, answers 204, and the browser is a visitor again', async () => {
      const token = await tokens.mint('nora', ['donor'], '1h', { organisation: 'Government of Norway' });
      const out = await call(app.baseUrl, 'DELETE', '/auth/session', { session: token, headers: WEB });
      expect(out.status).toBe(204);
      expect(out.headers.get('cache-control')).toBe('no-store');
      expectCleared(out);
      expect((await call(app.baseUrl, 'GET', '/auth/session')).body).toEqual({ signedIn: false });
    });
  });

  describe('how people may sign in (GET /auth/config)', () => {
    it('names the public portal and sign-in links, and no provider when none is configured', async () => {
      expect((await call(app.baseUrl, 'GET', '/auth/config')).body).toEqual({ publicPortal: true, oidc: null, signInLink: true });
    });
  });

  describe('a sign-in link (GET /auth/link)', () => {
    it('signs in once: a session with the roles, organisation and lifetime asked for, and 303 to next', async () => {
      const { ticket } = await ticketFor({ sessionSeconds: 2 * 3600 });
      const first = await follow(ticket);

      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/portal/my-contributions');
      expect(first.headers.get('referrer-policy')).toBe('no-referrer');
      expect(first.headers.get('cache-control')).toBe('no-store');
      const cookie = sessionCookieOf(first)!;
      expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
      const claims = decodeJwt(cookie.value);
      expect(claims).toMatchObject({ sub: 'nora', roles: ['donor'], organisation: 'Government of Norway', aud: 'portfolio-ledger' });
      expect(claims.exp! - claims.iat!).toBe(2 * 3600);
      expect((await call(app.baseUrl, 'GET', '/auth/session', { session: cookie.value })).body).toMatchObject({ signedIn: true, subject: 'nora', roles: ['donor'], organisation: 'Government of Norway' });
      const mine = await call(app.baseUrl, 'GET', `/funding/my-contributions?minPosition=${position}`, { session: cookie.value });
      expect(mine.body.total).toEqual({ pledged: '200000.00', received: '120000.00', outstanding: '80000.00' });

      // A link checker's HEAD does not use a ticket up.
      const { ticket: checked } = await ticketFor();
      const head = await call(app.baseUrl, 'HEAD', `/auth/link?ticket=${checked}`);
      expect({ status: head.status, cookie: sessionCookieOf(head) }).toEqual({ status: 204, cookie: undefined });
      expect((await follow(checked)).headers.get('location')).toBe('/portal/my-contributions');

      const second = await follow(ticket);
      expect(second.status).toBe(303);
      expect(second.headers.get('location')).toBe('/sign-in?error=link-used');
      expect(sessionCookieOf(second)).toBeUndefined();
    });

    it('refuses an expired link', async () => {
      const now = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(now - 16 * 60 * 1000);
      const { ticket } = await ticketFor();
      clock.mockRestore();
      const answer = await follow(ticket);
      expect(answer.headers.get('location')).toBe('/sign-in?error=link-expired');
      expect(sessionCookieOf(answer)).toBeUndefined();
    });

    it('refuses a link signed with another secret, a session token as a ticket, and no ticket at all', async () => {
      const { ticket: foreign } = await issueSignInTicket(randomBytes(48), app.config.jwtAudience, { subject: 'mallory', roles: ['admin'], sessionSeconds: 3600, next: '/' });
      const sessionToken = await tokens.mint('mallory', ['admin']);
      for (const path of [`/auth/link?ticket=${foreign}`, `/auth/link?ticket=${sessionToken}`, '/auth/link', '/auth/link?ticket=a&ticket=b']) {
        const answer = await call(app.baseUrl, 'GET', path);
        expect({ path, status: answer.status, location: answer.headers.get('location'), cookie: sessionCookieOf(answer) }).toEqual({
          path,
          status: 303,
          location: '/sign-in?error=link-invalid',
          cookie: undefined,
        });
      }
    });

    it('is never accepted as a bearer token, nor to open a session', async () => {
      const { ticket } = await ticketFor({ roles: ['auditor'] });
      expectProblem(await call(app.baseUrl, 'GET', '/audit-trail', { bearer: ticket }), 401, 'auth.token-invalid');
      expectProblem(await call(app.baseUrl, 'POST', '/auth/session', { bearer: ticket }), 401, 'auth.token-invalid');
      // Nor as a cookie: an ended session, read as a visitor where visitors may read.
      expectProblem(await call(app.baseUrl, 'GET', '/audit-trail', { session: ticket }), 401, 'auth.session-expired');
    });

    it('sends the browser to / when next is not a path of this site', async () => {
      for (const next of ['//evil.example/portal', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', 'portal']) {
        const { ticket } = await ticketFor({ next });
        const answer = await follow(ticket);
        expect({ next, location: answer.headers.get('location') }).toEqual({ next, location: '/' });
        expect(sessionCookieOf(answer)?.value).toEqual(expect.any(String));
      }
    });

    it('refuses a link asking for a session longer than JWT_MAX_TTL', async () => {
      const { ticket } = await ticketFor({ sessionSeconds: 13 * 3600 });
      const answer = await follow(ticket);
      expect(answer.headers.get('location')).toBe('/sign-in?error=link-invalid');
    });
  });

  describe('the command that prints a link (npm run sign-in-link)', () => {
    const cli = (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, ['dist/apps/api/src/sign-in-link.js', ...args], {
        env: { ...process.env, DATA_DIR: app.config.dataDir, JWT_SECRET: SECRET, PUBLIC_URL: app.baseUrl, ...env },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it('prints one link to PUBLIC_URL that signs the browser in, and says on stderr for how long', async () => {
      const printed = await cli(['nora', 'donor', '--organisation', 'Government of Norway', '--ttl', '30m', '--next', '/portal/my-contributions']);
      expect(printed.code).toBe(0);
      const lines = printed.stdout.trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^${app.baseUrl.replace(/\./g, '\\.')}/auth/link\\?ticket=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`))]);
      expect(printed.stderr).toMatch(/within 15 minutes .*once.*nora \(donor, Government of Norway\).*30 min/);

      const link = new URL(lines[0]!);
      const answer = await call(app.baseUrl, 'GET', `${link.pathname}${link.search}`);
      expect(answer.headers.get('location')).toBe('/portal/my-contributions');
      const claims = decodeJwt(sessionCookieOf(answer)!.value);
      expect(claims).toMatchObject({ sub: 'nora', roles: ['donor'], organisation: 'Government of Norway' });
      expect(claims.exp! - claims.iat!).toBe(1800);
    });

    it('signs with the secret kept in DATA_DIR when JWT_SECRET is not set', async () => {
      const kept = await TestApp.start({ env: { RATE_LIMIT_FAILED_AUTH: '0' } });
      try {
        const printed = await cli(['ada', 'admin'], { JWT_SECRET: '', DATA_DIR: kept.config.dataDir, PUBLIC_URL: kept.baseUrl });
        expect(printed.code).toBe(0);
        const link = new URL(printed.stdout.trim());
        const answer = await call(kept.baseUrl, 'GET', `${link.pathname}${link.search}`);
        expect(answer.headers.get('location')).toBe('/');
        expect((await call(kept.baseUrl, 'GET', '/admin/read-models', { session: sessionCookieOf(answer)!.value })).status).toBe(200);
      } finally {
        await kept.stop();
      }
    });

    it.each([
      [[], /usage: npm run -s sign-in-link/],
      [['nora'], /usage: npm run -s sign-in-link/],
      [['nora', 'treasurer'], /unknown role\(s\): treasurer/],
      [['nora', 'donor', '--next', '//evil.example'], /--next \/\/evil\.example: expected a path of this site/],
      [['nora', 'donor', '--ttl', '13h'], /--ttl 13h: a session may last at most 43200 s/],
      [['nora', 'donor', '--ttl', 'soon'], /--ttl soon: expected a duration/],
      [['nora', 'donor', '--organisation', ' '], /--organisation: .*organisation's name/],
      [['nora', 'donor', '--colour', 'blue'], /Unknown option '--colour'/],
    ] as [string[], RegExp][])('refuses %j with the reason and the usage, printing no link', async (args, reason) => {
      const refused = await cli(args);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(reason);
      expect(refused.stderr).toContain('usage: npm run -s sign-in-link');
    });
  });
});

describe('a fund that does not publish (PUBLIC_PORTAL=false), reached over https', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ env: { JWT_SECRET: SECRET, PUBLIC_PORTAL: 'false', PUBLIC_URL: 'https://ledger.example.org', RATE_LIMIT_FAILED_AUTH: '0' } });
  });
  afterAll(() => app?.stop());

  it('still lets people sign in with a link, in a Secure cookie, and then read', async () => {
    expect((await call(app.baseUrl, 'GET', '/auth/config')).body).toEqual({ publicPortal: false, oidc: null, signInLink: true });
    expectProblem(await call(app.baseUrl, 'GET', '/portfolio'), 401, 'auth.token-missing');

    const { ticket } = await issueSignInTicket(new TextEncoder().encode(SECRET), app.config.jwtAudience, { subject: 'dora', roles: ['donor' as Role], sessionSeconds: 3600, next: '/portal/projects' });
    const answer = await call(app.baseUrl, 'GET', `/auth/link?ticket=${ticket}`);
    expect(answer.headers.get('location')).toBe('/portal/projects');
    const cookie = sessionCookieOf(answer)!;
    expect(cookie.attributes).toMatchObject({ secure: true, httponly: true, samesite: 'Strict' });
    expect((await call(app.baseUrl, 'GET', '/portfolio', { session: cookie.value })).status).toBe(200);
  });

  it('answers an ended session 401 even on what visitors read elsewhere, since here they read nothing', async () => {
    expectProblem(await call(app.baseUrl, 'GET', '/portfolio', { session: await forgedToken('dora', 'donor') }), 401, 'auth.session-expired');
  });
});
