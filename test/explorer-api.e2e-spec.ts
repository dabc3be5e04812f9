import { jest } from '@jest/globals';
import { nationalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, staffOf, type Staff } from './support/ledger.js';
import { active } from './support/ledger-journeys.js';
import { TestApp } from './support/test-app.js';
import { read } from './support/view-queries.js';

/**
 * What the auditor's explorer asks of the API beyond the views (issue 21): a project as its
 * events up to a revision left it (stepping through its life), the trail of any subject and
 * of one command across the streams it touched, and the IATI file as of an instant.
 */

jest.setTimeout(120_000);

const YEAR = new Date().getUTCFullYear();

let app: TestApp;
let staff: Staff;
let projectId: string;
let position: string;
/** An instant after the project's approval and before its disbursement. */
let betweenApprovalAndDisbursement: string;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '900000.00');
  projectId = await active(staff, nationalProposal({ year: YEAR, fundingLine: 1 }));
  await new Promise((resolve) => setTimeout(resolve, 5));
  betweenApprovalAndDisbursement = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const disbursed = await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '1000.00', valueDate: new Date().toISOString().slice(0, 10) });
  expect(disbursed.status).toBe(200);
  position = disbursed.body.position;
});

afterAll(() => app?.stop());

describe('GET /projects/{id}?atRevision=N', () => {
  it('answers the project as each revision left it, each equal to the fold of the events up to it', async () => {
    const { events } = await read<{ events: { type: string; revision: number; recordedAt: string }[] }>(staff.auditor, `/projects/${projectId}/events`);
    const statuses: string[] = [];
    for (const event of events) {
      const card = await read(staff.auditor, `/projects/${projectId}`, { atRevision: event.revision });
      expect(card.revision).toBe(event.revision);
      // Nothing can be sent to a project in the past.
      expect(card.allowedCommands).toEqual([]);
      statuses.push(card.status);
    }
    expect(statuses[0]).toBe('draft');
    expect(statuses.at(-1)).toBe('active');
    const last = events.at(-1)!;
    expect(last.type).toBe('DisbursementRecorded');
    const now = await read(staff.auditor, `/projects/${projectId}`);
    const atLast = await read(staff.auditor, `/projects/${projectId}`, { atRevision: last.revision });
    expect(atLast.money).toEqual(now.money);
    const before = await read(staff.auditor, `/projects/${projectId}`, { atRevision: last.revision - 1 });
    expect(before.money.disbursed).toBe('0.00');
    expect(atLast.money.disbursed).toBe('1000.00');
  });

  it('refuses a revision not recorded, one that is not a whole number, and one given with asOf', async () => {
    const { events } = await read<{ events: unknown[] }>(staff.auditor, `/projects/${projectId}/events`);
    expectProblem(await staff.auditor.get(`/projects/${projectId}?atRevision=${events.length}`), 404, 'project.not-found');
    expectProblem(await staff.auditor.get(`/projects/${projectId}?atRevision=-1`), 400, 'request.invalid-query');
    expectProblem(await staff.auditor.get(`/projects/${projectId}?atRevision=two`), 400, 'request.invalid-query');
    expectProblem(await staff.auditor.get(`/projects/${projectId}?atRevision=1&asOf=${betweenApprovalAndDisbursement}`), 400, 'request.invalid-query');
    expectProblem(await staff.auditor.get(`/projects/NO.SUCH?atRevision=0`), 404, 'project.not-found');
  });
});

describe('the trail of a subject and of one command', () => {
  it("reads an envelope's history by subjectType and subject, and one command's entries in every stream by correlation", async () => {
    const envelope = `${YEAR}-1`;
    const history = await read<{ items: { subjectType: string; subjectId: string; type: string; correlationId: string }[] }>(staff.auditor, '/audit-trail', { subjectType: 'envelope', subject: envelope, minPosition: position });
    expect(history.items.map((entry) => entry.type)).toEqual(['EnvelopeOpened', 'FundsReserved']);
    expect(history.items.every((entry) => entry.subjectType === 'envelope' && entry.subjectId === envelope)).toBe(true);

    const approval = (await read<{ items: { type: string; correlationId: string }[] }>(staff.auditor, `/projects/${projectId}/audit-trail`, { type: 'ProjectApproved', minPosition: position })).items;
    expect(approval).toHaveLength(1);
    // The approval and its reservation are one command: the same correlation id, two streams.
    const command = await read<{ items: { type: string; subjectType: string }[] }>(staff.auditor, '/audit-trail', { correlation: approval[0]!.correlationId, minPosition: position });
    expect(command.items.map((entry) => `${entry.subjectType} ${entry.type}`).sort()).toEqual(['envelope FundsReserved', 'project ProjectApproved']);
    const inEnvelope = await read<{ items: { type: string }[] }>(staff.auditor, '/audit-trail', { subjectType: 'envelope', subject: envelope, correlation: approval[0]!.correlationId });
    expect(inEnvelope.items.map((entry) => entry.type)).toEqual(['FundsReserved']);
  });

  it('downloads the same entries as JSON Lines, and refuses a subject type it does not know', async () => {
    const reply = await fetch(`${app.baseUrl}/audit-trail?subjectType=envelope&subject=${YEAR}-1&format=jsonl`, { headers: { authorization: `Bearer ${await app.token('aurelia', 'auditor')}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain('subjectType-envelope');
    const lines = (await reply.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; subjectId: string });
    expect(lines.map((line) => `${line.subjectId} ${line.type}`)).toEqual([`${YEAR}-1 EnvelopeOpened`, `${YEAR}-1 FundsReserved`]);
    expectProblem(await staff.auditor.get('/audit-trail?subjectType=donor'), 400, 'request.invalid');
  });
});

describe('GET /iati/activities.xml?asOf', () => {
  it('writes the file as it would have been at the instant: the project approved then, without the disbursement recorded after', async () => {
    const activities = async (query: string) => {
      const reply = await fetch(`${app.baseUrl}/iati/activities.xml${query}`);
      expect(reply.status).toBe(200);
      return { text: await reply.text(), disposition: reply.headers.get('content-disposition') ?? '' };
    };
    const now = await activities(`?minPosition=${position}`);
    const then = await activities(`?asOf=${betweenApprovalAndDisbursement}`);
    const transactions = (xml: string) => (xml.match(/<transaction>/g) ?? []).length;
    expect(then.text).toContain(projectId);
    // The disbursement is the one transaction the file gained after the instant.
    expect(transactions(now.text) - transactions(then.text)).toBe(1);
    expect(now.text).toContain('<transaction-type code="3"/>');
    expect(then.text).not.toContain('<transaction-type code="3"/>');
    expect(then.disposition).toContain(betweenApprovalAndDisbursement.slice(0, 19).replace(/:/g, ''));
    const future = await fetch(`${app.baseUrl}/iati/activities.xml?asOf=2999-01-01T00:00:00Z`);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { code: string }).code).toBe('request.invalid-instant');
  });
});
