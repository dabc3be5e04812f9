import { jest } from '@jest/globals';
import { nationalProposal } from './support/fixtures.js';
import { ensureEnvelope, expectProblem, staffOf, type Staff } from './support/ledger.js';
import { active, endorsedProposal, submittedProposal } from './support/ledger-journeys.js';
import { TestApp, type Client, type Reply } from './support/test-app.js';
import { allPages, read } from './support/view-queries.js';

/**
 * The approval queue an approver works from, and the commands the project card offers, on
 * the real service: one project in each situation that waits for an approver, read by the
 * fund manager who prepared them all (and who is an approver too), by another approver and
 * by a fund manager; then each item decided, and each offer tried.
 */

jest.setTimeout(120_000);

const YEAR = new Date().getUTCFullYear();
const KINDS = ['endorsement', 'approval', 'retained', 'budget-revision', 'extension', 'report'] as const;
type Kind = (typeof KINDS)[number];

let app: TestApp;
let staff: Staff;
/** Fatima, who drafts, submits and requests everything here, holds the approver role too. */
let fatimaAsApprover: Client;
let otherFundManager: Client;
/** By kind: the project waiting, and the window of instants in which it started to wait. */
const waiting = {} as Record<Kind, { projectId: string; after: number; before: number }>;
let lastPosition = '';

/** Builds a project in the situation, noting the window of instants in which it started to wait. */
async function situation(kind: Kind, build: (proposal: ReturnType<typeof nationalProposal>) => Promise<Reply | string>): Promise<void> {
  const proposal = nationalProposal();
  const before = Date.now();
  const last = await build(proposal);
  const after = Date.now();
  if (typeof last !== 'string') {
    expect(last.status).toBe(200);
    lastPosition = last.body.position;
  }
  waiting[kind] = { projectId: proposal.projectId, after: before, before: after };
}

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  fatimaAsApprover = await app.as('fatima', 'fund-manager', 'approver');
  otherFundManager = await app.as('gulnara', 'fund-manager');
  await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');

  const why = { reason: 'The ministry asked for two more workshops' };
  await situation('endorsement', (proposal) => submittedProposal(staff, proposal));
  await situation('approval', (proposal) => endorsedProposal(staff, proposal));
  await situation('retained', async (proposal) => {
    const id = await endorsedProposal(staff, proposal);
    return staff.approver.post(`/projects/${id}/retain`, { reason: 'The envelope is nearly used up' });
  });
  await situation('budget-revision', async (proposal) => {
    const id = await active(staff, proposal);
    return staff.fundManager.post(`/projects/${id}/budget-revisions`, { requestId: 'rev-1', budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '31000.00' }, ...why });
  });
  await situation('extension', async (proposal) => {
    const id = await active(staff, proposal);
    return staff.fundManager.post(`/projects/${id}/extensions`, { requestId: 'ext-1', newEndDate: `${YEAR + 2}-06-30`, ...why });
  });
  await situation('report', async (proposal) => {
    const id = await active(staff, proposal);
    return staff.fundManager.post(`/projects/${id}/reports`, { reportId: 'interim-1', kind: 'interim', summary: 'Two of four trainings delivered.' });
  });
  // Every proposal journey records its last step; read the queue after all of them.
  const probe = await staff.fundManager.post('/projects', nationalProposal());
  lastPosition = probe.body.position;
});

afterAll(() => app?.stop());

/** The queue's items about the projects of this spec, as `reader` sees them. */
async function queueOf(reader: Client, params: Record<string, string> = {}) {
  const ours = new Set(Object.values(waiting).map((w) => w.projectId));
  const { items } = await allPages(reader, '/approval-queue', { minPosition: lastPosition, limit: 2, ...params });
  return items.filter((item: any) => ours.has(item.projectId));
}

describe('the approval queue', () => {
  it('lists all six situations, oldest first, with who prepared each and since when', async () => {
    const items = await queueOf(staff.secondApprover);

    expect(items.map((item: any) => [item.kind, item.projectId])).toEqual(KINDS.map((kind) => [kind, waiting[kind].projectId]));
    for (const item of items) {
      const since = Date.parse(item.waitingSince);
      expect(since).toBeGreaterThanOrEqual(waiting[item.kind as Kind].after - 1);
      expect(since).toBeLessThanOrEqual(waiting[item.kind as Kind].before + 1);
      expect(item.waitingDays).toBe(0);
    }
    const [endorsement, approval, retained, revision, extension, report] = items;
    expect(endorsement).toMatchObject({ awaiting: 'endorsement', status: 'submitted', draftedBy: 'fatima', submittedBy: 'fatima', budget: '37887.00', year: YEAR, fundingLine: 1, region: 'asia-and-oceania', coverage: 'national' });
    expect(endorsement).not.toHaveProperty('endorsedBy');
    expect(approval).toMatchObject({ awaiting: 'approval', status: 'endorsed', draftedBy: 'fatima', submittedBy: 'fatima', endorsedBy: 'arturo' });
    expect(retained).toMatchObject({ awaiting: 'approval', status: 'retained', endorsedBy: 'arturo' });
    expect(revision).toMatchObject({
      awaiting: 'approval',
      status: 'active',
      requestId: 'rev-1',
      requestedBy: 'fatima',
      requestedBudget: { total: '40000.00', staffAndOfficeCosts: '9000.00', operationalCosts: '31000.00' },
      reason: 'The ministry asked for two more workshops',
      decision: { command: 'ApproveBudgetRevision', method: 'POST', path: `/projects/${revision.projectId}/budget-revisions/rev-1/approve` },
    });
    expect(extension).toMatchObject({ requestId: 'ext-1', requestedBy: 'fatima', currentEndDate: `${YEAR + 1}-12-31`, newEndDate: `${YEAR + 2}-06-30` });
    expect(report).toMatchObject({ awaiting: 'acceptance', reportId: 'interim-1', reportKind: 'interim', submittedBy: 'fatima' });
    expect(items.map((item: any) => item.decision.command)).toEqual([
      'EndorseProject',
      'ApproveProject',
      'ApproveProject',
      'ApproveBudgetRevision',
      'ApproveNoCostExtension',
      'AcceptReport',
    ]);
  });

  it('tells another approver they may act on each', async () => {
    const items = await queueOf(staff.secondApprover);
    expect(items.map((item: any) => [item.kind, item.mayAct, item.refusal])).toEqual(KINDS.map((kind) => [kind, true, undefined]));
  });

  it('tells the fund manager who prepared them, though an approver too, that four eyes keep them from acting', async () => {
    const items = await queueOf(fatimaAsApprover);
    expect(items).toHaveLength(6);
    for (const item of items) {
      expect({ kind: item.kind, mayAct: item.mayAct, code: item.refusal?.code }).toEqual({ kind: item.kind, mayAct: false, code: 'approval.four-eyes' });
    }
    expect(items.map((item: any) => item.refusal.detail)).toEqual([
      'fatima drafted the project and so cannot endorse it: a second person must decide',
      'fatima drafted the project and so cannot approve it: a second person must decide',
      'fatima drafted the project and so cannot approve it: a second person must decide',
      'fatima requested this budget revision and so cannot approve it: a second person must decide',
      'fatima requested this extension and so cannot approve it: a second person must decide',
      'fatima submitted this report and so cannot accept it: a second person must decide',
    ]);
    // The very refusal the command gives.
    const refused = await fatimaAsApprover.post(`/projects/${waiting['budget-revision'].projectId}/budget-revisions/rev-1/approve`);
    expectProblem(refused, 403, 'approval.four-eyes');
    expect(refused.body.detail).toBe(items[3].refusal.detail);
  });

  it('tells a fund manager that their role may not decide, with the code the command answers', async () => {
    const items = await queueOf(otherFundManager);
    expect(items.map((item: any) => [item.mayAct, item.refusal.code])).toEqual(KINDS.map(() => [false, 'auth.role-not-allowed']));
    const refused = await otherFundManager.post(`/projects/${waiting.endorsement.projectId}/endorse`);
    expectProblem(refused, 403, 'auth.role-not-allowed');
    expect(refused.body.detail).toBe(items[0].refusal.detail);
  });

  it('filters on several kinds at once, and refuses a kind it does not know', async () => {
    const items = await queueOf(staff.approver, { kind: 'budget-revision,extension' });
    expect(items.map((item: any) => item.kind)).toEqual(['budget-revision', 'extension']);
    expectProblem(await staff.approver.get('/approval-queue?kind=budget-revision,holiday'), 400, 'request.invalid');
  });

  it('shows the newest first when asked', async () => {
    const items = await queueOf(staff.approver, { direction: 'desc' });
    expect(items.map((item: any) => item.kind)).toEqual([...KINDS].reverse());
  });

  describe('once each item is decided', () => {
    const decide: Record<Kind, (projectId: string) => string> = {
      endorsement: (id) => `/projects/${id}/endorse`,
      approval: (id) => `/projects/${id}/approve`,
      retained: (id) => `/projects/${id}/approve`,
      'budget-revision': (id) => `/projects/${id}/budget-revisions/rev-1/approve`,
      extension: (id) => `/projects/${id}/extensions/ext-1/approve`,
      report: (id) => `/projects/${id}/reports/interim-1/accept`,
    };

    it.each(KINDS)('takes the %s out of the queue as of the decision’s position', async (kind) => {
      const { projectId } = waiting[kind];
      const decided = await staff.secondApprover.post(decide[kind](projectId));
      expect(decided.status).toBe(200);
      lastPosition = decided.body.position;

      const items = (await queueOf(staff.secondApprover)).filter((item: any) => item.projectId === projectId);
      // An endorsed proposal now waits for its approval; everything else is done.
      expect(items.map((item: any) => item.kind)).toEqual(kind === 'endorsement' ? ['approval'] : []);
    });
  });
});

const PROBE_REASON = 'x'.repeat(2001);
/** Commands whose whole body is a reason: a reason over the domain's limit is the last thing they check. */
const PROBED = new Set([
  'SubmitProject',
  'EndorseProject',
  'ApproveProject',
  'RetainProject',
  'RejectProject',
  'ReturnProject',
  'SuspendProject',
  'ResumeProject',
  'CloseProject',
  'CancelProject',
  'ApproveBudgetRevision',
  'RejectBudgetRevision',
  'ApproveNoCostExtension',
  'RejectNoCostExtension',
  'AcceptReport',
  'RejectReport',
]);
/** Where each probed command is sent, as the API's controllers serve it. */
const ROUTES: Record<string, (id: string) => string> = {
  SubmitProject: (id) => `/projects/${id}/submit`,
  EndorseProject: (id) => `/projects/${id}/endorse`,
  ApproveProject: (id) => `/projects/${id}/approve`,
  RetainProject: (id) => `/projects/${id}/retain`,
  RejectProject: (id) => `/projects/${id}/reject`,
  ReturnProject: (id) => `/projects/${id}/return`,
  SuspendProject: (id) => `/projects/${id}/suspend`,
  ResumeProject: (id) => `/projects/${id}/resume`,
  CloseProject: (id) => `/projects/${id}/close`,
  CancelProject: (id) => `/projects/${id}/cancel`,
  ApproveBudgetRevision: (id) => `/projects/${id}/budget-revisions/rev-9/approve`,
  RejectBudgetRevision: (id) => `/projects/${id}/budget-revisions/rev-9/reject`,
  ApproveNoCostExtension: (id) => `/projects/${id}/extensions/ext-9/approve`,
  RejectNoCostExtension: (id) => `/projects/${id}/extensions/ext-9/reject`,
  AcceptReport: (id) => `/projects/${id}/reports/report-9/accept`,
  RejectReport: (id) => `/projects/${id}/reports/report-9/reject`,
};

describe('the commands the project card offers', () => {
  /** A project in each situation, with what may be pending in it named rev-9, ext-9 and report-9. */
  const situations: Record<string, () => Promise<string>> = {
    'draft, endorsed by its government': async () => {
      const proposal = nationalProposal();
      expect((await staff.fundManager.post('/projects', proposal)).status).toBe(201);
      const endorsement = { state: 'KG', endorsedOn: '2020-01-15', authority: 'Ministry of Labour' };
      expect((await staff.fundManager.post(`/projects/${proposal.projectId}/government-endorsements`, endorsement)).status).toBe(200);
      return proposal.projectId;
    },
    submitted: () => submittedProposal(staff, nationalProposal()),
    endorsed: () => endorsedProposal(staff, nationalProposal()),
    'active, with a revision, an extension and a report pending': async () => {
      const id = await active(staff, nationalProposal());
      const why = { reason: 'Needed' };
      expect((await staff.fundManager.post(`/projects/${id}/budget-revisions`, { requestId: 'rev-9', budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '30000.00' }, ...why })).status).toBe(200);
      expect((await staff.fundManager.post(`/projects/${id}/extensions`, { requestId: 'ext-9', newEndDate: `${YEAR + 2}-03-31`, ...why })).status).toBe(200);
      expect((await staff.fundManager.post(`/projects/${id}/reports`, { reportId: 'report-9', kind: 'interim' })).status).toBe(200);
      return id;
    },
  };
  const callers = () => ({ fatimaAsApprover, approver: staff.secondApprover, fundManager: otherFundManager, financeOfficer: staff.financeOfficer });

  it.each(Object.keys(situations))('%s: every offer is one the service takes, every other probed command is refused', async (name) => {
    const projectId = await situations[name]!();
    const openapi = (await read(staff.auditor, '/docs/openapi.json')) as { paths: Record<string, Record<string, unknown>> };
    const taken: string[] = [];
    for (const [who, caller] of Object.entries(callers())) {
      const card = await caller.get(`/projects/${projectId}`);
      if (card.status === 403) {
        expectProblem(card, 403, 'auth.role-not-allowed');
        continue;
      }
      expect(card.status).toBe(200);
      const offered = card.body.allowedCommands as { command: string; method: string; path: string }[];
      // Each offer is a route the API document lists, with that method.
      for (const offer of offered) {
        const template = Object.keys(openapi.paths).find((path) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`).test(offer.path));
        expect({ who, offer, listed: template !== undefined && offer.method.toLowerCase() in openapi.paths[template]! }).toEqual({ who, offer, listed: true });
      }
      const offeredNames = new Set(offered.map((offer) => offer.command));
      for (const command of PROBED) {
        const reply = await caller.post(ROUTES[command]!(projectId), { reason: PROBE_REASON });
        // reason.required is the last check: answered, every check before it (role, status, four eyes, state) passed.
        const passedTheRules = reply.body?.code === 'reason.required';
        expect({ who, command, offered: offeredNames.has(command), code: reply.body?.code }).toEqual({
          who,
          command,
          offered: passedTheRules,
          code: reply.body?.code,
        });
        expect(reply.status).toBeGreaterThanOrEqual(400);
        if (passedTheRules) taken.push(`${who} ${command}`);
      }
    }
    // Some offers were tried in every situation (the drafter may submit, approvers decide).
    expect(taken.length).toBeGreaterThan(0);
    const after = await staff.auditor.get(`/projects/${projectId}`);
    expect(after.body.allowedCommands).toEqual([]);
  });

  it('offers the paths of the decisions with the request and report they name', async () => {
    const projectId = await situations['active, with a revision, an extension and a report pending']!();
    const card = await staff.secondApprover.get(`/projects/${projectId}`);
    expect(card.body.allowedCommands).toEqual(
      expect.arrayContaining([
        { command: 'ApproveBudgetRevision', method: 'POST', path: `/projects/${projectId}/budget-revisions/rev-9/approve`, requestId: 'rev-9' },
        { command: 'ApproveNoCostExtension', method: 'POST', path: `/projects/${projectId}/extensions/ext-9/approve`, requestId: 'ext-9' },
        { command: 'AcceptReport', method: 'POST', path: `/projects/${projectId}/reports/report-9/accept`, reportId: 'report-9' },
        { command: 'SuspendProject', method: 'POST', path: `/projects/${projectId}/suspend` },
      ]),
    );
    const fundManagerCard = await staff.fundManager.get(`/projects/${projectId}`);
    const names = fundManagerCard.body.allowedCommands.map((offer: any) => offer.command);
    expect(names).toEqual(expect.arrayContaining(['SubmitReport', 'RecordExpenditure', 'RecordFocalPoint']));
    // Completion waits for the pending requests; another request of a pending kind is refused.
    expect(names).not.toEqual(expect.arrayContaining(['CompleteProject']));
    expect(names.filter((name: string) => name.startsWith('Request'))).toEqual([]);
    const asOf = await staff.secondApprover.get(`/projects/${projectId}?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(asOf.body.allowedCommands).toEqual([]);
  });
});
