import { jest } from '@jest/globals';
import { nationalProposal, regionalProposal } from './support/fixtures.js';
import {
  cents,
  ensureEnvelope,
  forgedToken,
  envelopeSnapshot,
  expectProblem,
  projectSnapshot,
  rawRequest,
  staffOf,
  utcToday,
  type Staff,
} from './support/ledger.js';
import { active, approved, completed, endorsedProposal, submittedProposal } from './support/ledger-journeys.js';
import { Client, TestApp, type Reply } from './support/test-app.js';

/**
 * Every refusal through the real HTTP API: an RFC 9457 problem with a stable code, and
 * nothing recorded — the project's ETag, revision and events, and the envelope, are exactly
 * as they were before the refused request.
 */

jest.setTimeout(60_000);

const YEAR = new Date().getUTCFullYear();
/** An envelope too small for any of the fixtures' budgets. */
const SMALL_ENVELOPE_YEAR = YEAR + 1;
/** A year whose envelope is never opened. */
const UNOPENED_YEAR = YEAR + 2;

let app: TestApp;
let staff: Staff;

beforeAll(async () => {
  app = await TestApp.start();
  staff = await staffOf(app);
  await ensureEnvelope(staff.admin, YEAR, 1, '1479887.00');
  await ensureEnvelope(staff.admin, YEAR, 2, '14878559.00');
  await ensureEnvelope(staff.admin, SMALL_ENVELOPE_YEAR, 1, '10000.00');
});

afterAll(() => app?.stop());

type Line = 1 | 2;

/**
 * Sends a request that must be refused with `status` and `code`, and proves it recorded
 * nothing on the project or on the envelopes of (`years`, line 1 and 2).
 */
async function refusedOnProject(
  projectId: string,
  send: () => Promise<Reply>,
  status: number,
  code: string,
  envelopes: [number, Line][] = [
    [YEAR, 1],
    [YEAR, 2],
  ],
): Promise<Reply> {
  const project = await projectSnapshot(staff.auditor, projectId);
  const funds = await Promise.all(envelopes.map(([year, line]) => envelopeSnapshot(staff.auditor, year, line)));

  const reply = await send();

  expectProblem(reply, status, code);
  expect(await projectSnapshot(staff.auditor, projectId)).toEqual(project);
  expect(await Promise.all(envelopes.map(([year, line]) => envelopeSnapshot(staff.auditor, year, line)))).toEqual(funds);
  return reply;
}

/** A refused draft leaves no project, and neither its project id nor its PRIMA id is taken. */
async function expectNotDrafted(proposal: { projectId: string; primaId: string }): Promise<void> {
  const project = await staff.auditor.get(`/projects/${proposal.projectId}`);
  expect({ status: project.status, code: project.body.code }).toEqual({ status: 404, code: 'project.not-found' });
  const events = await staff.auditor.get(`/projects/${proposal.projectId}/events`);
  expect({ status: events.status, code: events.body.code }).toEqual({ status: 404, code: 'project.not-found' });
}

/** Drafting the same ids again, with a valid proposal, is accepted: the refusal held nothing back. */
async function expectIdsStillFree(proposal: ReturnType<typeof nationalProposal>): Promise<void> {
  const valid = nationalProposal({ projectId: proposal.projectId, primaId: proposal.primaId });
  const drafted = await staff.fundManager.post('/projects', valid);
  expect({ status: drafted.status, etag: drafted.headers.get('etag') }).toEqual({ status: 201, etag: '"0"' });
}

const draftedProject = async (proposal = nationalProposal()) => {
  const drafted = await staff.fundManager.post('/projects', proposal);
  expect(drafted.status).toBe(201);
  return proposal.projectId;
};

const endorseKg = (projectId: string) =>
  staff.fundManager.post(`/projects/${projectId}/government-endorsements`, {
    state: 'KG',
    endorsedOn: utcToday(-30),
    authority: 'Ministry of Labour and Social Development',
  });

describe('who may send what', () => {
  it('refuses a request without a bearer token (401 auth.token-missing) and records nothing', async () => {
    const projectId = await draftedProject();
    expect((await endorseKg(projectId)).status).toBe(200);

    const reply = await refusedOnProject(projectId, () => app.anonymous().post(`/projects/${projectId}/submit`), 401, 'auth.token-missing');
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');

    const proposal = nationalProposal();
    expectProblem(await app.anonymous().post('/projects', proposal), 401, 'auth.token-missing');
    await expectNotDrafted(proposal);
  });

  it('refuses a token that is not one the service signed (401 auth.token-invalid) and records nothing', async () => {
    const projectId = await draftedProject();
    expect((await endorseKg(projectId)).status).toBe(200);
    const garbage = new Client(app.baseUrl, 'not.a.token');
    // A well-formed token for a fund manager, signed with a key the service does not hold.
    const forged = new Client(app.baseUrl, await forgedToken('mallory', 'fund-manager'));

    await refusedOnProject(projectId, () => garbage.post(`/projects/${projectId}/submit`), 401, 'auth.token-invalid');
    await refusedOnProject(projectId, () => forged.post(`/projects/${projectId}/submit`), 401, 'auth.token-invalid');
  });

  it('refuses an approval by a fund manager: approving needs the approver role (403 auth.role-not-allowed)', async () => {
    const projectId = await endorsedProposal(staff, nationalProposal());

    await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/approve`), 403, 'auth.role-not-allowed');
  });

  it('refuses a disbursement recorded by an auditor, who only reads (403 auth.role-not-allowed)', async () => {
    const projectId = await approved(staff, nationalProposal());

    await refusedOnProject(
      projectId,
      () => staff.auditor.post(`/projects/${projectId}/disbursements`, { amount: '1000.00', valueDate: utcToday() }),
      403,
      'auth.role-not-allowed',
    );
  });

  it('refuses a draft by a donor (403 auth.role-not-allowed)', async () => {
    const proposal = nationalProposal();

    expectProblem(await staff.donor.post('/projects', proposal), 403, 'auth.role-not-allowed');
    await expectNotDrafted(proposal);
  });
});

describe('requests that do not have the expected shape', () => {
  it('refuses a draft with an unknown field (400 request.invalid, naming the field)', async () => {
    const proposal = nationalProposal();

    const reply = await staff.fundManager.post('/projects', { ...proposal, colour: 'red' });

    expectProblem(reply, 400, 'request.invalid');
    expect(reply.body.errors).toEqual([{ field: 'colour', message: expect.stringContaining('should not exist') }]);
    await expectNotDrafted(proposal);
    await expectIdsStillFree(proposal);
  });

  it('refuses a budget with a line the fund does not know rather than dropping it', async () => {
    const proposal = nationalProposal();

    const reply = await staff.fundManager.post('/projects', {
      ...proposal,
      budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '28887.00', travel: '5000.00' },
    });

    expectProblem(reply, 400, 'request.invalid');
    expect(reply.body.errors).toEqual([{ field: 'budget.travel', message: expect.stringContaining('should not exist') }]);
    await expectNotDrafted(proposal);
  });

  it('refuses an unknown field in the body of an approval rather than ignoring it', async () => {
    const projectId = await endorsedProposal(staff, nationalProposal());

    // An approver who writes a reason (or anything else) into an approval must not believe it was recorded.
    const reply = await refusedOnProject(
      projectId,
      () => staff.approver.post(`/projects/${projectId}/approve`, { reason: 'Strong ministry ownership', conditions: 'quarterly reports' }),
      400,
      'request.invalid',
    );
    expect(reply.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'conditions' })]),
    );
  });

  it('refuses a body that is not valid JSON (400 request.malformed-json) and records nothing', async () => {
    const projectId = await approved(staff, nationalProposal());
    const before = await projectSnapshot(staff.auditor, projectId);

    const reply = await rawRequest(app, {
      method: 'POST',
      path: `/projects/${projectId}/disbursements`,
      subject: 'farid',
      roles: ['finance-officer'],
      body: '{"amount": "1000.00", "valueDate": ',
    });

    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
    expect(reply.body).toEqual(
      expect.objectContaining({
        type: '/problems/request.malformed-json',
        title: 'Bad Request',
        status: 400,
        code: 'request.malformed-json',
        detail: 'the request body is not valid JSON',
      }),
    );
    expect(await projectSnapshot(staff.auditor, projectId)).toEqual(before);
  });

  it('refuses an amount sent as a JSON number: money travels as a decimal string (rule 1)', async () => {
    const projectId = await approved(staff, nationalProposal());

    const reply = await refusedOnProject(
      projectId,
      () => staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: 1000, valueDate: utcToday() }),
      400,
      'request.invalid',
    );
    expect(reply.body.errors).toEqual(expect.arrayContaining([{ field: 'amount', message: 'amount must be a string' }]));
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.money.disbursed).toBe('0.00');
  });

  it('refuses an amount with more than two decimals ("1.234"): USD is held in whole cents (rule 1)', async () => {
    const projectId = await approved(staff, nationalProposal());

    const reply = await refusedOnProject(
      projectId,
      () => staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '1.234', valueDate: utcToday() }),
      422,
      'money.invalid-amount',
    );
    expect(reply.body.errors).toEqual([{ field: 'amount', message: expect.any(String) }]);
  });

  it('refuses a budget line sent as a JSON number or with fractions of a cent', async () => {
    const asNumber = nationalProposal({ budget: { staffAndOfficeCosts: 9000, operationalCosts: '28887.00' } });
    const numberReply = await staff.fundManager.post('/projects', asNumber);
    expectProblem(numberReply, 400, 'request.invalid');
    expect(numberReply.body.errors).toEqual(
      expect.arrayContaining([{ field: 'budget.staffAndOfficeCosts', message: 'staffAndOfficeCosts must be a string' }]),
    );
    await expectNotDrafted(asNumber);

    const subCent = nationalProposal({ budget: { staffAndOfficeCosts: '9000.00', operationalCosts: '1.234' } });
    const subCentReply = await staff.fundManager.post('/projects', subCent);
    expectProblem(subCentReply, 422, 'proposal.invalid');
    expect(subCentReply.body.errors).toEqual([{ field: 'budget.operationalCosts', message: expect.any(String) }]);
    await expectNotDrafted(subCent);
  });
});

describe('the rules of the fund', () => {
  it('refuses staff and office costs above 30 % of the total budget (rule 2)', async () => {
    // 12,000.00 of 39,999.99 is 30.0000075 %: one cent too much.
    const proposal = nationalProposal({ budget: { staffAndOfficeCosts: '12000.00', operationalCosts: '27999.99' } });

    const reply = await staff.fundManager.post('/projects', proposal);

    expectProblem(reply, 422, 'budget.staff-costs-exceeded');
    expect(reply.body.errors).toEqual([{ field: 'budget.staffAndOfficeCosts', message: expect.any(String) }]);
    await expectNotDrafted(proposal);
    // Exactly 30 % is allowed, with the same ids.
    const atLimit = { ...proposal, budget: { staffAndOfficeCosts: '12000.00', operationalCosts: '28000.00' } };
    expect((await staff.fundManager.post('/projects', atLimit)).status).toBe(201);
  });

  it('refuses a national line 1 budget above the USD 100,000.00 ceiling (rule 3)', async () => {
    const proposal = nationalProposal({ budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.01' } });

    const reply = await staff.fundManager.post('/projects', proposal);

    expectProblem(reply, 422, 'budget.ceiling-exceeded');
    expect(reply.body.detail).toContain('100000.00');
    await expectNotDrafted(proposal);
    // The ceiling itself is allowed; on line 2 the national ceiling is USD 200,000.00.
    const atCeiling = { ...proposal, budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.00' } };
    expect((await staff.fundManager.post('/projects', atCeiling)).status).toBe(201);
    const lineTwo = nationalProposal({ fundingLine: 2, budget: { staffAndOfficeCosts: '30000.00', operationalCosts: '70000.01' } });
    expect((await staff.fundManager.post('/projects', lineTwo)).status).toBe(201);
  });

  it('flags a budget below the usual floor with a warning, but records it (rule 3)', async () => {
    const small = nationalProposal(); // USD 37,887.00, like the fund's record PO.0143
    const usual = nationalProposal({ budget: { staffAndOfficeCosts: '15000.00', operationalCosts: '35000.00' } });
    await draftedProject(small);
    await draftedProject(usual);

    const smallProject = await staff.approver.get(`/projects/${small.projectId}`);
    expect(smallProject.body.warnings).toEqual([
      { code: 'budget.below-usual-floor', detail: expect.stringMatching(/37887\.00.*50000\.00/) },
    ]);
    expect((await staff.approver.get(`/projects/${usual.projectId}`)).body.warnings).toEqual([]);
  });

  it('refuses a national project with two beneficiary states and a regional one with one (rule 4)', async () => {
    const national = nationalProposal({ beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }] });
    const regional = regionalProposal({ beneficiaryStates: [{ code: 'KG' }] });

    const nationalReply = await staff.fundManager.post('/projects', national);
    const regionalReply = await staff.fundManager.post('/projects', regional);

    expectProblem(nationalReply, 422, 'coverage.beneficiary-states');
    expectProblem(regionalReply, 422, 'coverage.beneficiary-states');
    await expectNotDrafted(national);
    await expectNotDrafted(regional);
  });

  it('refuses a budget revision that breaks the staff-cost limit or the ceiling (rules 2 and 3)', async () => {
    const projectId = await active(staff, nationalProposal());
    const revise = (staffAndOfficeCosts: string, operationalCosts: string) => () =>
      staff.fundManager.post(`/projects/${projectId}/budget-revisions`, { budget: { staffAndOfficeCosts, operationalCosts }, reason: 'Scope grew' });

    await refusedOnProject(projectId, revise('20000.00', '30000.00'), 422, 'budget.staff-costs-exceeded');
    await refusedOnProject(projectId, revise('30000.00', '70000.01'), 422, 'budget.ceiling-exceeded');
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.pendingBudgetRevision).toBeUndefined();
  });

  it('refuses to submit a proposal without the government endorsement of its beneficiary state (rule 5)', async () => {
    const projectId = await draftedProject();

    await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/submit`), 409, 'submission.endorsement-missing');
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.status).toBe('draft');
  });

  it('refuses to submit when an amendment replaced the endorsed beneficiary state (rule 5)', async () => {
    const projectId = await draftedProject();
    expect((await endorseKg(projectId)).status).toBe(200);
    const amended = await staff.fundManager.post(`/projects/${projectId}/amend`, { beneficiaryStates: [{ code: 'KZ' }] });
    expect(amended.status).toBe(200);

    await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/submit`), 409, 'submission.endorsement-missing');
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.governmentEndorsements).toEqual({});
  });

  describe('four eyes (rule 6)', () => {
    it('refuses an endorsement and an approval by the person who drafted the proposal', async () => {
      // Omar is both a fund manager and an approver.
      const omar = await app.as('omar', 'fund-manager', 'approver');
      const proposal = nationalProposal();
      expect((await omar.post('/projects', proposal)).status).toBe(201);
      const { projectId } = proposal;
      expect((await omar.post(`/projects/${projectId}/government-endorsements`, { state: 'KG', endorsedOn: utcToday(-5), authority: 'Ministry of Labour' })).status).toBe(200);
      expect((await omar.post(`/projects/${projectId}/submit`)).status).toBe(200);

      const endorsement = await refusedOnProject(projectId, () => omar.post(`/projects/${projectId}/endorse`), 403, 'approval.four-eyes');
      expect(endorsement.body.detail).toContain('omar');
      expect((await staff.approver.post(`/projects/${projectId}/endorse`)).status).toBe(200);

      await refusedOnProject(projectId, () => omar.post(`/projects/${projectId}/approve`), 403, 'approval.four-eyes');

      // Someone else may.
      expect((await staff.secondApprover.post(`/projects/${projectId}/approve`)).status).toBe(200);
    });

    it('refuses an approval by the person who submitted the proposal', async () => {
      const sami = await app.as('sami', 'fund-manager', 'approver');
      const projectId = await draftedProject();
      expect((await endorseKg(projectId)).status).toBe(200);
      expect((await sami.post(`/projects/${projectId}/submit`)).status).toBe(200);
      expect((await staff.approver.post(`/projects/${projectId}/endorse`)).status).toBe(200);

      const reply = await refusedOnProject(projectId, () => sami.post(`/projects/${projectId}/approve`), 403, 'approval.four-eyes');
      expect(reply.body.detail).toContain('submitted');
    });

    it('refuses the approval of a budget revision by the person who requested it; the envelope keeps its reservation', async () => {
      const omar = await app.as('omar', 'fund-manager', 'approver');
      const projectId = await active(staff, nationalProposal());
      const requested = await omar.post(`/projects/${projectId}/budget-revisions`, {
        budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' },
        reason: 'Additional training sessions',
      });
      expect(requested.status).toBe(200);

      await refusedOnProject(
        projectId,
        () => omar.post(`/projects/${projectId}/budget-revisions/${requested.body.requestId}/approve`),
        403,
        'approval.four-eyes',
      );
      expect((await staff.auditor.get(`/projects/${projectId}`)).body.money.committed).toBe('37887.00');
    });

    it('refuses the approval of a no-cost extension by the person who requested it', async () => {
      const omar = await app.as('omar', 'fund-manager', 'approver');
      const projectId = await active(staff, nationalProposal());
      const requested = await omar.post(`/projects/${projectId}/extensions`, { newEndDate: `${YEAR + 2}-06-30`, reason: 'Elections' });
      expect(requested.status).toBe(200);

      await refusedOnProject(projectId, () => omar.post(`/projects/${projectId}/extensions/${requested.body.requestId}/approve`), 403, 'approval.four-eyes');
    });

    it('refuses the acceptance of a report by the person who submitted it', async () => {
      const omar = await app.as('omar', 'fund-manager', 'approver');
      const projectId = await active(staff, nationalProposal());
      const report = await omar.post(`/projects/${projectId}/reports`, { kind: 'interim' });
      expect(report.status).toBe(200);

      await refusedOnProject(projectId, () => omar.post(`/projects/${projectId}/reports/${report.body.reportId}/accept`), 403, 'approval.four-eyes');
    });
  });

  describe('the envelope (rule 7)', () => {
    it('refuses an approval the envelope has no room for, and lets the approver retain the project instead', async () => {
      const proposal = nationalProposal({ year: SMALL_ENVELOPE_YEAR }); // USD 37,887.00 against USD 10,000.00
      const projectId = await endorsedProposal(staff, proposal);

      const reply = await refusedOnProject(
        projectId,
        () => staff.approver.post(`/projects/${projectId}/approve`),
        409,
        'envelope.exhausted',
        [[SMALL_ENVELOPE_YEAR, 1]],
      );
      expect(reply.body.detail).toContain('10000.00');
      expect((await staff.auditor.get(`/envelopes/${SMALL_ENVELOPE_YEAR}/1`)).body).toMatchObject({ amount: '10000.00', reserved: '0.00' });

      const retained = await staff.approver.post(`/projects/${projectId}/retain`, { reason: 'Waiting for the second tranche' });
      expect({ status: retained.status, projectStatus: retained.body.status }).toEqual({ status: 200, projectStatus: 'retained' });
    });

    it('refuses to approve a budget raise the envelope has no room for; the revision stays pending', async () => {
      const year = YEAR + 3;
      await ensureEnvelope(staff.admin, year, 1, '40000.00');
      const projectId = await active(staff, nationalProposal({ year })); // reserves 37,887.00 of 40,000.00
      const requested = await staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
        budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' },
        reason: 'Two more trainings',
      });
      expect(requested.status).toBe(200);

      await refusedOnProject(
        projectId,
        () => staff.approver.post(`/projects/${projectId}/budget-revisions/${requested.body.requestId}/approve`),
        409,
        'envelope.exhausted',
        [[year, 1]],
      );
      const project = await staff.auditor.get(`/projects/${projectId}`);
      expect(project.body).toMatchObject({ money: { committed: '37887.00' }, pendingBudgetRevision: { requestId: requested.body.requestId } });
      expect((await staff.auditor.get(`/envelopes/${year}/1`)).body).toMatchObject({ amount: '40000.00', reserved: '37887.00' });
    });

    it('refuses to shrink an envelope below what is already reserved', async () => {
      const year = YEAR + 4;
      await ensureEnvelope(staff.admin, year, 1, '50000.00');
      await approved(staff, nationalProposal({ year })); // reserves 37,887.00
      const before = await envelopeSnapshot(staff.auditor, year, 1);

      const reply = await staff.admin.post(`/envelopes/${year}/1/adjustments`, { amount: '37886.99', reason: 'A pledge was withdrawn' });

      expectProblem(reply, 409, 'envelope.below-reserved');
      expect(await envelopeSnapshot(staff.auditor, year, 1)).toEqual(before);
    });

    it('refuses an approval against an envelope that was never opened (envelope.not-open)', async () => {
      const projectId = await endorsedProposal(staff, nationalProposal({ year: UNOPENED_YEAR }));

      await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/approve`), 409, 'envelope.not-open', [[UNOPENED_YEAR, 1]]);
      const envelope = await staff.auditor.get(`/envelopes/${UNOPENED_YEAR}/1`);
      expect({ status: envelope.status, code: envelope.body.code }).toEqual({ status: 404, code: 'envelope.not-found' });
    });
  });

  it('refuses to start implementation before the government focal point is recorded (rule 8)', async () => {
    const projectId = await approved(staff, nationalProposal());

    await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/start`, {}), 409, 'implementation.focal-point-missing');
  });

  it('refuses a disbursement that would take the disbursed total above the approved budget (rule 9)', async () => {
    const projectId = await approved(staff, nationalProposal()); // USD 37,887.00
    const disburse = (amount: string) => staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount, valueDate: utcToday() });
    expect((await disburse('30000.00')).status).toBe(200);

    const reply = await refusedOnProject(projectId, () => disburse('7887.01'), 409, 'disbursement.exceeds-budget');
    expect(reply.body.detail).toContain('37887.00');

    expect((await disburse('7887.00')).status).toBe(200);
    expect((await staff.auditor.get(`/projects/${projectId}`)).body.money.disbursed).toBe('37887.00');
  });

  it('refuses an expenditure that would take the spent total above the approved budget (rule 9)', async () => {
    const projectId = await active(staff, nationalProposal());

    await refusedOnProject(
      projectId,
      () => staff.fundManager.post(`/projects/${projectId}/expenditures`, { amount: '37887.01', valueDate: utcToday() }),
      409,
      'expenditure.exceeds-budget',
    );
  });

  it('refuses a budget revision below what has already been disbursed (rule 9)', async () => {
    const projectId = await active(staff, nationalProposal());
    expect((await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '30000.00', valueDate: utcToday() })).status).toBe(200);

    await refusedOnProject(
      projectId,
      () =>
        staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
          budget: { staffAndOfficeCosts: '8000.00', operationalCosts: '21999.99' },
          reason: 'One training cancelled',
        }),
      409,
      'revision.below-flows',
    );
  });

  it('refuses a no-cost extension or a budget revision requested less than a month before the end date (rule 10)', async () => {
    const proposal = nationalProposal({ plannedStartDate: utcToday(-60), plannedEndDate: utcToday(20) });
    const projectId = await active(staff, proposal);

    await refusedOnProject(
      projectId,
      () => staff.fundManager.post(`/projects/${projectId}/extensions`, { newEndDate: utcToday(120), reason: 'Elections delayed the work' }),
      409,
      'request.too-late',
    );
    await refusedOnProject(
      projectId,
      () =>
        staff.fundManager.post(`/projects/${projectId}/budget-revisions`, {
          budget: { staffAndOfficeCosts: '10000.00', operationalCosts: '35000.00' },
          reason: 'Prices rose',
        }),
      409,
      'request.too-late',
    );
  });

  it('refuses to close a project before its final reports — and, lasting 12 months or more, its interim report — are accepted (rule 11)', async () => {
    const projectId = await completed(staff, nationalProposal()); // started today, ends 31 December next year
    const close = () => staff.approver.post(`/projects/${projectId}/close`, {});

    const none = await refusedOnProject(projectId, close, 409, 'closure.reports-missing');
    expect(none.body.detail).toEqual(expect.stringMatching(/final-narrative.*final-financial/));

    for (const kind of ['final-narrative', 'final-financial']) {
      const report = await staff.fundManager.post(`/projects/${projectId}/reports`, { kind });
      expect(report.status).toBe(200);
      expect((await staff.approver.post(`/projects/${projectId}/reports/${report.body.reportId}/accept`)).status).toBe(200);
    }

    const noInterim = await refusedOnProject(projectId, close, 409, 'closure.reports-missing');
    expect(noInterim.body.detail).toContain('interim');
    expect(noInterim.body.detail).not.toContain('final-narrative');
  });

  describe('which reports closing needs (rule 11)', () => {
    /** Active from `start` (actual) to `end` (planned), completed, with both final reports accepted. */
    const completedWithFinalReports = async (start: string, end: string, extendTo?: string) => {
      const proposal = nationalProposal({ plannedStartDate: start, plannedEndDate: end });
      const projectId = await approved(staff, proposal);
      const path = `/projects/${projectId}`;
      expect((await staff.fundManager.post(`${path}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service' })).status).toBe(200);
      expect((await staff.fundManager.post(`${path}/start`, { actualStartDate: start })).status).toBe(200);
      if (extendTo) {
        const requested = await staff.fundManager.post(`${path}/extensions`, { newEndDate: extendTo, reason: 'Elections delayed the work' });
        expect(requested.status).toBe(200);
        expect((await staff.approver.post(`${path}/extensions/${requested.body.requestId}/approve`)).status).toBe(200);
      }
      expect((await staff.fundManager.post(`${path}/complete`, {})).status).toBe(200);
      for (const kind of ['final-narrative', 'final-financial']) {
        const report = await staff.fundManager.post(`${path}/reports`, { kind });
        expect((await staff.approver.post(`${path}/reports/${report.body.reportId}/accept`)).status).toBe(200);
      }
      return projectId;
    };

    it('closes a project of less than 12 months with its two final reports', async () => {
      const projectId = await completedWithFinalReports(utcToday(-300), utcToday(40)); // 341 days

      const closed = await staff.approver.post(`/projects/${projectId}/close`, {});
      expect({ status: closed.status, projectStatus: closed.body.status }).toEqual({ status: 200, projectStatus: 'closed' });
    });

    it('refuses to close a project that an extension made last 12 months or more without an accepted interim report', async () => {
      const projectId = await completedWithFinalReports(utcToday(-300), utcToday(40), utcToday(120)); // 421 days with the extension

      const reply = await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/close`, {}), 409, 'closure.reports-missing');
      expect(reply.body.detail).toContain('interim');
    });
  });

  describe('reasons (rule 13)', () => {
    it('refuses to reject a proposal without a reason', async () => {
      const projectId = await submittedProposal(staff, nationalProposal());

      const missing = await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/reject`, {}), 422, 'reason.required');
      expect(missing.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
      await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/reject`, { reason: '   ' }), 422, 'reason.required');
    });

    it('refuses to return a proposal for revision without a reason', async () => {
      const projectId = await submittedProposal(staff, nationalProposal());

      await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/return`, {}), 422, 'reason.required');
    });

    it('refuses to suspend or cancel a project without a reason, and the envelope keeps its reservation', async () => {
      const projectId = await active(staff, nationalProposal());

      await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/suspend`, {}), 422, 'reason.required');
      await refusedOnProject(projectId, () => staff.approver.post(`/projects/${projectId}/cancel`, {}), 422, 'reason.required');
    });

    it('refuses to correct a disbursement with a blank reason', async () => {
      const projectId = await approved(staff, nationalProposal());
      const disbursement = await staff.financeOfficer.post(`/projects/${projectId}/disbursements`, { amount: '1000.00', valueDate: utcToday() });
      expect(disbursement.status).toBe(200);

      await refusedOnProject(
        projectId,
        () =>
          staff.financeOfficer.post(`/projects/${projectId}/transactions/${disbursement.body.transactionId}/corrections`, {
            correctedAmount: '900.00',
            reason: ' ',
          }),
        422,
        'reason.required',
      );
    });
  });

  describe('unique ids (rule 14)', () => {
    it('refuses a second project with a project id already in the portfolio', async () => {
      const first = nationalProposal();
      await draftedProject(first);
      const second = nationalProposal({ projectId: first.projectId });

      await refusedOnProject(first.projectId, () => staff.fundManager.post('/projects', second), 409, 'project.already-exists');
      expect((await staff.auditor.get(`/projects/${first.projectId}`)).body.primaId).toBe(first.primaId);
      // The refused draft's PRIMA id was not claimed.
      expect((await staff.fundManager.post('/projects', nationalProposal({ primaId: second.primaId }))).status).toBe(201);
    });

    it('refuses a second project with a PRIMA id already in the portfolio', async () => {
      const first = nationalProposal();
      await draftedProject(first);
      const second = nationalProposal({ primaId: first.primaId });

      expectProblem(await staff.fundManager.post('/projects', second), 409, 'project.prima-id-taken');
      await expectNotDrafted(second);
      expect((await staff.auditor.get(`/projects/${first.projectId}/events`)).body.events).toHaveLength(1);
    });

    it('refuses to amend a draft to a PRIMA id another project holds', async () => {
      const holder = nationalProposal();
      await draftedProject(holder);
      const projectId = await draftedProject();

      await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/amend`, { primaId: holder.primaId }), 409, 'project.prima-id-taken');
    });
  });
});

describe('the lifecycle and the record', () => {
  it('refuses to start implementation of a draft (transition.not-allowed)', async () => {
    const projectId = await draftedProject();

    const reply = await refusedOnProject(projectId, () => staff.fundManager.post(`/projects/${projectId}/start`, {}), 409, 'transition.not-allowed');
    expect(reply.body.detail).toContain('draft');
  });

  it('refuses to approve a draft or close an active project (transition.not-allowed)', async () => {
    const draft = await draftedProject();
    const running = await active(staff, nationalProposal());

    await refusedOnProject(draft, () => staff.approver.post(`/projects/${draft}/approve`), 409, 'transition.not-allowed');
    await refusedOnProject(running, () => staff.approver.post(`/projects/${running}/close`, {}), 409, 'transition.not-allowed');
  });

  it('answers 404 project.not-found for a project that does not exist, and a command to it creates nothing', async () => {
    const unknown = 'PO.999999';

    expectProblem(await staff.auditor.get(`/projects/${unknown}`), 404, 'project.not-found');
    expectProblem(await staff.auditor.get(`/projects/${unknown}/events`), 404, 'project.not-found');
    expectProblem(await staff.auditor.get(`/projects/${unknown}/events/verification`), 404, 'project.not-found');
    expectProblem(await staff.approver.post(`/projects/${unknown}/endorse`), 404, 'project.not-found');
    expectProblem(await staff.fundManager.post(`/projects/${unknown}/focal-point`, { name: 'A', organisation: 'B' }), 404, 'project.not-found');
    // Still nothing: the refused commands did not start a stream.
    expectProblem(await staff.auditor.get(`/projects/${unknown}/events`), 404, 'project.not-found');
  });

  it('refuses a command sent with a stale If-Match (412 precondition.failed) and accepts it with the current one', async () => {
    const projectId = await draftedProject();
    const stale = (await staff.fundManager.get(`/projects/${projectId}`)).headers.get('etag')!;
    expect(stale).toBe('"0"');
    expect((await endorseKg(projectId)).status).toBe(200);

    const focalPoint = { name: 'Aibek Osmonov', organisation: 'State Migration Service' };
    await refusedOnProject(
      projectId,
      () => staff.fundManager.post(`/projects/${projectId}/focal-point`, focalPoint, { 'If-Match': stale }),
      412,
      'precondition.failed',
    );

    const current = (await staff.fundManager.get(`/projects/${projectId}`)).headers.get('etag')!;
    expect(current).toBe('"1"');
    const accepted = await staff.fundManager.post(`/projects/${projectId}/focal-point`, focalPoint, { 'If-Match': current });
    expect({ status: accepted.status, etag: accepted.headers.get('etag') }).toEqual({ status: 200, etag: '"2"' });
  });

  it('refuses an approval with a stale If-Match without touching the envelope, and approves with the current one', async () => {
    const projectId = await endorsedProposal(staff, nationalProposal());
    const current = (await staff.approver.get(`/projects/${projectId}`)).headers.get('etag')!;
    const stale = `"${Number(JSON.parse(current)) - 1}"`;
    const reservedBefore = (await staff.auditor.get(`/envelopes/${YEAR}/1`)).body.reserved;

    await refusedOnProject(projectId, () => staff.secondApprover.post(`/projects/${projectId}/approve`, {}, { 'If-Match': stale }), 412, 'precondition.failed');

    const accepted = await staff.secondApprover.post(`/projects/${projectId}/approve`, {}, { 'If-Match': current });
    expect(accepted.status).toBe(200);
    const reservedAfter = (await staff.auditor.get(`/envelopes/${YEAR}/1`)).body.reserved;
    expect(cents(reservedAfter) - cents(reservedBefore)).toBe(cents('37887.00'));
  });
});
