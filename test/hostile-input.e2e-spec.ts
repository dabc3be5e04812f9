import { connect } from 'node:net';
import { jest } from '@jest/globals';
import { nationalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, rawRequest, staffOf, type Staff } from './support/ledger.js';
import { approved } from './support/ledger-journeys.js';
import { TestApp, type Reply } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

/**
 * The edge holds: what an attacker or a careless client sends is refused with a problem
 * naming the field, and nothing is recorded; what was recorded is answered as recorded.
 */

jest.setTimeout(60_000);

const YEAR = new Date().getUTCFullYear();
let app: TestApp;
let staff: Staff;
let project: string;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');
  project = await approved(staff, nationalProposal());
});

afterAll(() => app?.stop());

/** Sends, and proves the store did not move. */
async function refused(send: () => Promise<Reply>, status: number, code: string): Promise<Reply> {
  const before = await app.eventStoreHead();
  const reply = await send();
  expectProblem(reply, status, code);
  expect(await app.eventStoreHead()).toBe(before);
  return reply;
}

function fieldsOf(reply: Reply): string[] {
  return (reply.body.errors ?? []).map((error: { field: string }) => error.field);
}

const UNSTORABLE = { nul: 'Migration\u0000policy', 'lone high surrogate': 'policy \ud83d', 'lone low surrogate': '\ude00 policy' };

describe('text no store can hold is refused at the edge, naming the field', () => {
  it.each(Object.entries(UNSTORABLE))('a draft whose title holds a %s', async (_, text) => {
    const proposal = nationalProposal({ title: { en: 'Fine', fr: text } });
    const reply = await refused(() => staff.fundManager.post('/projects', proposal), 400, 'request.invalid');
    expect(fieldsOf(reply)).toEqual(['title.fr']);
    // Nothing claimed: the same ids are free for a valid draft.
    expect((await staff.fundManager.post('/projects', { ...proposal, title: { en: 'Fine' } })).status).toBe(201);
  });

  it.each([
    ['a reason', () => staff.approver.post(`/projects/${project}/suspend`, { reason: 'audit\u0000' }), 'reason'],
    ['a donor', () => staff.admin.post('/contributions', { donor: '\ud800', year: YEAR, fundingLine: 1, amount: '10.00' }), 'donor'],
    ['a code-list label', () => staff.admin.post('/code-lists/regions/entries', { code: 'mena', label: 'Middle\u0000East' }), 'label'],
    ['a key of a title', () => staff.fundManager.post('/projects', nationalProposal({ title: { 'e\u0000n': 'x' } })), 'title.(key)'],
    ['a beneficiary state', () => staff.fundManager.post('/projects', nationalProposal({ beneficiaryStates: [{ code: 'K\u0000' }] })), 'beneficiaryStates.0.code'],
  ])('%s', async (_, send, field) => {
    const reply = await refused(send, 400, 'request.invalid');
    expect(fieldsOf(reply)).toContain(field);
  });

  it.each([
    ['/projects/%00', 'projectId'],
    ['/portfolio/PO.0001%00', 'projectId'],
    ['/portfolio?region=%00', 'region'],
    ['/portfolio?type=a%00b', 'type'],
    ['/portfolio?q=x%00y', 'q'],
    ['/funding/summary?groupBy=region&region=%00', 'region'],
    ['/audit-trail?actor=%00', 'actor'],
    ['/audit-trail?project=PO%00', 'project'],
  ])('GET %s', async (path, field) => {
    const reply = await refused(() => staff.auditor.get(path), 400, 'request.invalid');
    expect(fieldsOf(reply)).toContain(field);
  });
});

describe('shapes that overflowed or slipped through are refused', () => {
  it('JSON nested 5,000 levels deep, on every kind of endpoint', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    for (const path of ['/projects', `/projects/${project}/suspend`, '/envelopes', '/contributions', '/code-lists/regions/entries']) {
      const reply = await refused(async () => {
        const raw = await rawRequest(app, { method: 'POST', path, subject: 'root', roles: ['admin', 'fund-manager', 'approver'], body: deep });
        return { status: raw.status, headers: raw.headers, body: raw.body };
      }, 400, 'request.invalid');
      expect(reply.body.detail).toMatch(/nested deeper/);
    }
  });

  it.each([
    ['budget', { budget: null }],
    ['beneficiaryStates', { beneficiaryStates: null }],
    ['title', { title: null }],
  ])('null where %s is expected, in an amendment', async (field, body) => {
    const draft = nationalProposal();
    expect((await staff.fundManager.post('/projects', draft)).status).toBe(201);
    const reply = await refused(() => staff.fundManager.post(`/projects/${draft.projectId}/amend`, body), 400, 'request.invalid');
    expect(fieldsOf(reply)).toEqual([field]);
  });

  it.each(['__proto__', 'constructor'])('a body with a %s key', async (key) => {
    const body = `{"year":${YEAR},"fundingLine":1,"amount":"10.00","${key}":{"polluted":true}}`;
    const raw = await rawRequest(app, { method: 'POST', path: '/envelopes', subject: 'ada', roles: ['admin'], body });
    expect({ status: raw.status, code: raw.body?.code, fields: raw.body?.errors?.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      code: 'request.invalid',
      fields: [key],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '99999-01-01T00:00:00Z'])(
    'asOf=%s',
    async (asOf) => {
      await refused(() => staff.auditor.get(`/projects/${project}?asOf=${encodeURIComponent(asOf)}`), 400, 'request.invalid-instant');
    },
  );

  it('the earliest instant the stores hold is answered', async () => {
    const reply = await staff.auditor.get(`/projects/${project}?asOf=0001-01-01T00:00:00Z`);
    expectProblem(reply, 404, 'project.not-found');
  });
});

describe('ids: said up front which characters they hold, and a recorded command is answered as recorded', () => {
  it.each([
    ['an RTL mark', 'don\u200fr'],
    ['a BOM', '\ufeffdonor'],
    ['a zero-width space', 'don\u200bor'],
    ['an emoji', 'donor-🙂'],
    ['a tab', 'don\tor'],
    ['a newline', 'don\nor'],
    ['a slash', 'a/b'],
    ['a space', 'a b'],
  ])('a contribution id holding %s is refused and nothing is pledged', async (_, contributionId) => {
    const reply = await refused(
      () => staff.admin.post('/contributions', { contributionId, donor: 'Government of Germany', year: YEAR, fundingLine: 1, amount: '10.00' }),
      422,
      'contribution.invalid',
    );
    expect(fieldsOf(reply)).toEqual(['contributionId']);
  });

  it('an id made of every character allowed is recorded, and its Location names it', async () => {
    const contributionId = `Aa0._~-${Date.now()}`;
    const reply = await staff.admin.post('/contributions', { contributionId, donor: 'Government of Germany', year: YEAR, fundingLine: 1, amount: '10.00' });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('location')).toBe(`/contributions/${encodeURIComponent(contributionId)}`);
    expect((await staff.admin.get(reply.headers.get('location')!)).body.contributionId).toBe(contributionId);
  });

  it.each([
    ['transactionId', 'transaction.invalid', (id: string) => staff.financeOfficer.post(`/projects/${project}/disbursements`, { transactionId: id, amount: '1.00', valueDate: TODAY })],
  ])('a %s holding a newline is refused', async (field, code, send) => {
    const reply = await refused(() => send('id\n1'), 422, code);
    expect(fieldsOf(reply)).toContain(field);
  });
});

describe('every error is a problem', () => {
  it('an unknown route: 404', async () => {
    expectProblem(await staff.auditor.get('/no-such-thing'), 404, 'route.not-found');
  });

  it('a known path with a method it does not take: 405 with Allow', async () => {
    const reply = await staff.auditor.request('DELETE', `/projects/${project}`, undefined, {});
    expectProblem(reply, 405, 'method.not-allowed');
    expect(reply.headers.get('allow')).toBe('GET, HEAD');
    const post = await staff.auditor.request('PUT', '/portfolio', undefined, {});
    expectProblem(post, 405, 'method.not-allowed');
  });

  it('a body over the limit: 413', async () => {
    const raw = await rawRequest(app, { method: 'POST', path: '/projects', subject: 'fatima', roles: ['fund-manager'], body: JSON.stringify({ description: { en: 'x'.repeat(1_100_000) } }) });
    expect({ status: raw.status, type: raw.headers.get('content-type'), code: raw.body?.code }).toEqual({
      status: 413,
      type: expect.stringMatching(/^application\/problem\+json/),
      code: 'request.too-large',
    });
  });

  it('a URL or headers over 16 kB: 431, answered by the HTTP parser as a problem', async () => {
    for (const request of [`GET /portfolio?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`]) {
      const answer = await rawHttp(request);
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).code).toBe('request.headers-too-large');
    }
  });

  it('a request line that is not HTTP: 400 problem', async () => {
    const answer = await rawHttp('GARBAGE\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).code).toBe('request.malformed');
  });
});

/** Writes bytes to the API's socket and reads all it answers until it closes. */
function rawHttp(request: string): Promise<string> {
  const { hostname, port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
