import { jest } from '@jest/globals';
import { nationalProposal } from './support/fixtures.js';
import { hostileRequests, type HostileRequest, type OpenApiDocument } from './support/hostile-requests.js';
import { ensureEnvelope, staffOf } from './support/ledger.js';
import { active } from './support/ledger-journeys.js';
import { TestApp } from './support/test-app.js';

/** Value dates may not be after today nor before the approval, which happens today (TestApp's fund keeps UTC). */
const TODAY = new Date().toISOString().slice(0, 10);

/**
 * The project's own fuzz test: every operation of the OpenAPI document the service serves
 * gets hostile values in every part of the request. Whatever is sent: no 5xx, every refusal
 * an RFC 9457 problem, and a refused request leaves the event store exactly as it was.
 *
 * Seeded: a failure prints its seed; `FUZZ_SEED=<seed> npm test -- test/fuzz` replays it.
 * `FUZZ_PER_PART` (default 4) is how many hostile values each part of a request gets.
 */

jest.setTimeout(600_000);

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PER_PART = Number(process.env.FUZZ_PER_PART ?? 4);
const YEAR = new Date().getUTCFullYear();

let app: TestApp;

beforeAll(async () => {
  // A short wait for the views: a hostile minPosition must be refused, not waited for.
  app = await TestApp.start({ env: { VIEW_WAIT_MS: '300' } });
});

afterAll(() => app?.stop());

it(`answers every hostile request without a 5xx, with a problem, recording nothing refused (seed ${SEED})`, async () => {
  const staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');
  const projectId = await active(staff, nationalProposal());
  expect((await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { transactionId: 'D-1', amount: '100.00', valueDate: TODAY })).status).toBe(200);
  expect((await staff.admin.post('/contributions', { contributionId: 'C-1', donor: 'Government of Germany', year: YEAR, fundingLine: 1, amount: '10.00' })).status).toBe(201);

  const document = (await (await fetch(`${app.baseUrl}/docs/openapi.json`)).json()) as OpenApiDocument;
  const ids = { projectId, transactionId: 'D-1', requestId: 'REV-1', reportId: 'R-1', contributionId: 'C-1', year: String(YEAR), line: '1', list: 'regions', id: 'no-such-rebuild' };
  const requests = hostileRequests(document, ids, SEED, PER_PART);
  const everyone = await app.token('fuzz', 'fund-manager', 'approver', 'finance-officer', 'auditor', 'admin');

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const request of requests) {
    const before = await app.eventStoreHead();
    const answer = await send(request, everyone);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const wrong = whatIsWrong(answer, before === (await app.eventStoreHead()));
    if (wrong) failures.push(`${request.method} ${request.path.slice(0, 120)} [${request.spoiled}] → ${answer.status} ${answer.text.slice(0, 200)}: ${wrong}`);
  }

  process.stdout.write(
    `fuzz: seed ${SEED}, ${requests.length} requests over ${Object.values(document.paths).flatMap(Object.keys).length} operations; ` +
      `answers ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}\n`,
  );
  expect({ seed: SEED, failures: failures.slice(0, 30), failed: failures.length }).toEqual({ seed: SEED, failures: [], failed: 0 });
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function send(request: HostileRequest, token: string): Promise<Answer> {
  const response = await fetch(`${app.baseUrl}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${token}`, ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

function whatIsWrong(answer: Answer, storeUnchanged: boolean): string | undefined {
  if (answer.status >= 500) return 'a server error';
  if (answer.status < 400) return undefined;
  if (!storeUnchanged) return 'refused, yet the event store moved';
  if (!answer.contentType.startsWith('application/problem+json')) return `refused with ${answer.contentType || 'no content type'}`;
  let problem: { status?: unknown; code?: unknown; type?: unknown; detail?: unknown };
  try {
    problem = JSON.parse(answer.text);
  } catch {
    return 'a problem body that is not JSON';
  }
  if (problem.status !== answer.status || typeof problem.code !== 'string' || problem.type !== `/problems/${problem.code}` || typeof problem.detail !== 'string') {
    return 'a problem without status, code, type and detail';
  }
  return undefined;
}
