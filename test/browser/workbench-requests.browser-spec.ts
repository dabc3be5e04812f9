import type { Page } from 'playwright-core';
import { nationalProposal } from '../support/fixtures.js';
import { endorsed, type Cast } from '../support/journeys.js';
import type { Client } from '../support/test-app.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signIn } from './support/sign-in.js';

/**
 * The workbench's other commands, each sent from a page and judged by the API's record:
 * a draft amended with the proposal form filled from its card, a correction with its
 * reason, a budget revision that raises the budget (the queue shows the envelope's room)
 * decided by an approver, a no-cost extension, a report rejected then accepted, a refund
 * by a finance officer, a proposal returned for revision then amended and submitted again,
 * a proposal retained on an earlier business date (a date before the step it follows
 * refused) and then rejected, a budget revision and an extension rejected, a project
 * suspended, resumed and cancelled, and a draft endorsed and submitted by keyboard alone.
 */
describe('the workbench: amendments, corrections, requests, reports and refunds (browser)', () => {
  let portal: Portal;
  let cast: Cast;
  let auditor: Client;
  let finance: Client;
  let today: string;
  let year: number;

  beforeAll(async () => {
    portal = await Portal.start({ demo: false });
    const as = portal.service.as.bind(portal.service);
    cast = { admin: await as('ada', 'admin'), fundManager: await as('fatima', 'fund-manager'), approver: await as('arturo', 'approver'), secondApprover: await as('bintou', 'approver') };
    auditor = await as('audrey', 'auditor');
    finance = await as('fiona', 'finance-officer');
    today = (await auditor.get('/fund/policy')).body.today as string;
    year = Number(today.slice(0, 4));
    expect((await cast.admin.post('/envelopes', { year, fundingLine: 1, amount: '1000000.00' })).status).toBe(201);
  });

  afterAll(async () => {
    await portal?.stop();
  });

  async function cardOf(projectId: string) {
    const reply = await auditor.get(`/projects/${projectId}`);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  async function eventsOf(projectId: string): Promise<{ type: string; metadata: { actorId?: string; reason?: string } }[]> {
    const reply = await auditor.get(`/projects/${projectId}/events?limit=100`);
    expect(reply.status).toBe(200);
    return reply.body.events;
  }

  /** A national project approved, with its focal point, started: ready for money and requests. */
  async function activeProject(): Promise<string> {
    const projectId = await endorsed(cast, nationalProposal({ plannedEndDate: `${year + 1}-12-31` }));
    expect((await cast.secondApprover.post(`/projects/${projectId}/approve`)).status).toBe(200);
    expect((await cast.fundManager.post(`/projects/${projectId}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service' })).status).toBe(200);
    expect((await cast.fundManager.post(`/projects/${projectId}/start`)).status).toBe(200);
    return projectId;
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(describeViolations(await seriousViolations(page))).toBe('');
  }

  /** Opens a command's form, fills it (by label) and sends it; waits for the recorded note. */
  async function send(page: Page, button: string | RegExp, event: string, fill: Record<string, string> = {}): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    const form = page.locator('form.command-form');
    for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
    await form.locator('button[type="submit"]').click();
    await page.locator(`.recorded [data-event="${event}"]`).waitFor();
  }

  it('amends a draft with the proposal form, filled from its card', async () => {
    const proposal = nationalProposal();
    expect((await cast.fundManager.post('/projects', proposal)).status).toBe(201);
    const page = await signIn(portal, `/workbench/projects/${proposal.projectId}`, 'fatima', 'fund-manager');
    await page.getByRole('link', { name: 'Amend the draft…' }).click();
    await page.getByRole('heading', { name: `Amend draft ${proposal.projectId}`, level: 1 }).waitFor();
    // The form holds what the card holds.
    const field = (label: string) => page.getByLabel(label, { exact: true });
    expect(await field('Project id').inputValue()).toBe(proposal.projectId);
    expect(await field('Project id').getAttribute('readonly')).not.toBeNull();
    expect(await field('Title in English').inputValue()).toBe(proposal.title.en);
    expect(await page.locator('#f-title-ru').inputValue()).toBe(proposal.title.ru);
    expect(await page.locator('#f-description-ar').getAttribute('dir')).toBe('rtl');
    expect(await field('Staff and office costs (USD)').inputValue()).toBe('9000.00');
    await expectAccessible(page);

    // 31 % staff costs are refused before sending, as in a new proposal.
    await field('Staff and office costs (USD)').fill('13020.00');
    await field('Operational costs (USD)').fill('28980.00');
    await page.getByRole('button', { name: 'Amend the draft' }).click();
    await page.locator('#f-budget-staffAndOfficeCosts-error').getByText('At most 30 % of the total budget.').waitFor();
    expect((await eventsOf(proposal.projectId)).map((event) => event.type)).toEqual(['ProjectDrafted']);

    await field('Staff and office costs (USD)').fill('12000.00');
    await field('Title in English').fill('Migration policy in Kyrgyzstan, second phase');
    await page.getByRole('button', { name: 'Amend the draft' }).click();
    await page.waitForURL(new RegExp(`/workbench/projects/${proposal.projectId.replace('.', '\\.')}\\?minPosition=`));
    await page.locator('[data-fact="budget"] data[value="40980.00"]').waitFor();
    const card = await cardOf(proposal.projectId);
    expect(card.status).toBe('draft');
    expect(card.title).toEqual({ ...proposal.title, en: 'Migration policy in Kyrgyzstan, second phase' });
    expect(card.budget).toEqual(expect.objectContaining({ staffAndOfficeCosts: '12000.00', operationalCosts: '28980.00', total: '40980.00' }));
    expect((await eventsOf(proposal.projectId)).map((event) => event.type)).toEqual(['ProjectDrafted', 'ProjectDraftAmended']);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an amendment sent from a stale page what changed (412), and records nothing', async () => {
    const proposal = nationalProposal();
    expect((await cast.fundManager.post('/projects', proposal)).status).toBe(201);
    const page = await signIn(portal, `/workbench/projects/${proposal.projectId}/amend`, 'fatima', 'fund-manager');
    await page.getByLabel('Title in English', { exact: true }).fill('A title typed in a stale tab');
    // Meanwhile the draft is amended elsewhere (another tab, through the API).
    expect((await cast.fundManager.post(`/projects/${proposal.projectId}/amend`, { budget: { staffAndOfficeCosts: '8000.00', operationalCosts: '28887.00' } })).status).toBe(200);
    await page.getByRole('button', { name: 'Amend the draft' }).click();
    await page.locator('.changed-since').getByRole('heading', { name: 'This project changed since you opened it' }).waitFor();
    const card = await cardOf(proposal.projectId);
    expect(card.title.en).toBe(proposal.title.en);
    expect((await eventsOf(proposal.projectId)).map((event) => event.type)).toEqual(['ProjectDrafted', 'ProjectDraftAmended']);
    await expectAccessible(page);
    await page.locator('.changed-since').getByRole('button', { name: 'Start again' }).click();
    await page.locator(`[data-fact="budget"] data[value="${card.budget.total}"]`).waitFor();
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('corrects a disbursement with its reason, and refuses the correction without one', async () => {
    const projectId = await activeProject();
    const recorded = await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount: '5000.00', valueDate: today });
    expect(recorded.status).toBe(200);
    const transactionId = recorded.body.transactionId as string;
    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await page.getByRole('button', { name: `Correct the transaction… (${transactionId})` }).click();
    const form = page.locator('form.command-form');
    await form.getByLabel('Corrected amount (USD)').fill('4500.00');
    await form.locator('button[type="submit"]').click();
    // Rule 13: a correction needs a reason; the form says so before sending.
    await form.locator('.field-error').getByText('Fill this in.').waitFor();
    expect((await eventsOf(projectId)).map((event) => event.type)).not.toContain('TransactionCorrected');
    await form.getByLabel('Reason').fill('The bank charged the fee to the fund, not the partner');
    await form.locator('button[type="submit"]').click();
    await page.locator('.recorded [data-event="TransactionCorrected"]').waitFor();
    await page.locator('[data-fact="disbursed"] data[value="4500.00"]').waitFor();
    expect((await cardOf(projectId)).money.disbursed).toBe('4500.00');
    const correction = (await eventsOf(projectId)).find((event) => event.type === 'TransactionCorrected')!;
    expect(correction.metadata).toMatchObject({ actorId: 'fatima', reason: 'The bank charged the fee to the fund, not the partner' });
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('raises a budget; the queue shows the envelope\'s room for the raise; an approver approves it', async () => {
    const projectId = await activeProject();
    const manager = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await send(manager, 'Request a budget revision…', 'BudgetRevisionRequested', {
      'New staff and office costs (USD)': '9000.00',
      'New operational costs (USD)': '38887.00',
      Reason: 'A third survey round',
    });
    await manager.locator('[data-fact="pendingBudgetRevision"]').waitFor();

    const approver = await signIn(portal, '/workbench/approvals?kind=budget-revision', 'arturo', 'approver');
    const item = approver.locator(`li.queue-item[data-project-id="${projectId}"]`);
    await item.waitFor();
    const before = (await cast.approver.get(`/envelopes/${year}/1`)).body;
    await item.locator(`.envelope-room data[value="${before.available}"]`).waitFor();
    // The raise (USD 10,000) is what the approval would draw on the envelope, and it fits.
    expect(await item.locator('.envelope-room dd').textContent()).toContain('10,000');
    expect(await item.locator('.envelope-room .short').count()).toBe(0);
    await expectAccessible(approver);
    await item.locator('.queue-actions button').click();
    await item.locator('form.command-form button[type="submit"]').click();
    await approver.locator('.recorded [data-event="BudgetRevisionApproved"]').waitFor();
    await item.waitFor({ state: 'detached' });

    const card = await cardOf(projectId);
    expect(card.budget.total).toBe('47887.00');
    const after = (await cast.approver.get(`/envelopes/${year}/1`)).body;
    expect(Number(after.available)).toBeCloseTo(Number(before.available) - 10000, 2);
    expect(pageErrors.get(approver)).toEqual([]);
    await approver.context().close();
    await manager.context().close();
  });

  it('requests a no-cost extension and has it approved on the project page', async () => {
    const projectId = await activeProject();
    const manager = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await send(manager, 'Request a no-cost extension…', 'NoCostExtensionRequested', { 'New end date': `${year + 2}-03-31`, Reason: 'Elections delayed the field work' });
    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await send(approver, /^Approve the extension…/, 'NoCostExtensionApproved');
    await approver.locator(`[data-fact="currentEndDate"] time[datetime="${year + 2}-03-31"]`).waitFor();
    expect((await cardOf(projectId)).currentEndDate).toBe(`${year + 2}-03-31`);
    await expectAccessible(approver);
    expect(pageErrors.get(approver)).toEqual([]);
    await approver.context().close();
    await manager.context().close();
  });

  it('rejects a report with a reason, then accepts it resubmitted, from the queue', async () => {
    const projectId = await activeProject();
    const manager = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await send(manager, 'Submit a report… (interim report)', 'ReportSubmitted', { Summary: 'First half: two survey rounds.' });
    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'arturo', 'approver');
    await send(approver, /^Reject the report…/, 'ReportRejected', { Reason: 'The financial annex is missing' });

    await manager.reload();
    await send(manager, 'Submit a report… (interim report)', 'ReportSubmitted', { Summary: 'First half, with the financial annex.' });
    await approver.goto('/workbench/approvals?kind=report');
    const item = approver.locator(`li.queue-item[data-project-id="${projectId}"]`);
    await item.locator('.queue-actions button').click();
    await item.locator('form.command-form button[type="submit"]').click();
    await approver.locator('.recorded [data-event="ReportAccepted"]').waitFor();

    const events = await eventsOf(projectId);
    expect(events.filter((event) => event.type.startsWith('Report')).map((event) => [event.type, event.metadata.actorId])).toEqual([
      ['ReportSubmitted', 'fatima'],
      ['ReportRejected', 'arturo'],
      ['ReportSubmitted', 'fatima'],
      ['ReportAccepted', 'arturo'],
    ]);
    expect(events.find((event) => event.type === 'ReportRejected')!.metadata.reason).toBe('The financial annex is missing');
    expect(Object.values((await cardOf(projectId)).reports as Record<string, { status: string }>).map((report) => report.status).sort()).toEqual(['accepted', 'rejected']);
    expect(pageErrors.get(approver)).toEqual([]);
    await approver.context().close();
    await manager.context().close();
  });

  it('returns a proposal for revision with a reason; the fund manager amends and submits it again', async () => {
    const projectId = await endorsed(cast, nationalProposal());
    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'arturo', 'approver');
    await approver.getByRole('button', { name: 'Return for revision…' }).click();
    const form = approver.locator('form.command-form');
    await form.locator('button[type="submit"]').click();
    // Rule 13: returning needs a reason, asked before sending.
    await form.locator('.field-error').getByText('Fill this in.').waitFor();
    await form.getByLabel('Reason').fill('Split the budget by survey round');
    await form.locator('button[type="submit"]').click();
    await approver.locator('[data-fact="status"] [data-status="draft"]').waitFor();
    await approver.locator('[data-fact="statusReason"]').getByText('Split the budget by survey round').waitFor();

    const manager = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await manager.getByRole('link', { name: 'Amend the draft…' }).click();
    await manager.getByLabel('Operational costs (USD)', { exact: true }).fill('30000.00');
    await manager.getByRole('button', { name: 'Amend the draft' }).click();
    await manager.locator('[data-fact="budget"] data[value="39000.00"]').waitFor();
    await send(manager, 'Submit…', 'ProjectSubmitted');
    await manager.locator('[data-fact="status"] [data-status="submitted"]').waitFor();
    const events = await eventsOf(projectId);
    expect(events.map((event) => event.type).slice(-3)).toEqual(['ProjectReturned', 'ProjectDraftAmended', 'ProjectSubmitted']);
    expect(events.find((event) => event.type === 'ProjectReturned')!.metadata).toMatchObject({ actorId: 'arturo', reason: 'Split the budget by survey round' });
    for (const page of [approver, manager]) {
      expect(pageErrors.get(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('retains a proposal on an earlier business date, shows a date before its endorsement refused, then rejects it', async () => {
    /** The fund's today moved by `days`, as YYYY-MM-DD. */
    const day = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // Entered late, as a back office does: each step on the day it happened.
    const proposal = nationalProposal();
    const projectId = proposal.projectId;
    expect((await cast.fundManager.post('/projects', { ...proposal, effectiveOn: day(-20) })).status).toBe(201);
    for (const { code } of proposal.beneficiaryStates) {
      const endorsement = { state: code, endorsedOn: day(-25), authority: `Ministry of Labour (${code})`, effectiveOn: day(-19) };
      expect((await cast.fundManager.post(`/projects/${projectId}/government-endorsements`, endorsement)).status).toBe(200);
    }
    expect((await cast.fundManager.post(`/projects/${projectId}/submit`, { effectiveOn: day(-18) })).status).toBe(200);
    expect((await cast.approver.post(`/projects/${projectId}/endorse`, { effectiveOn: day(-15) })).status).toBe(200);
    const recorded = (await eventsOf(projectId)).length;

    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'arturo', 'approver');
    await approver.getByRole('button', { name: 'Retain…' }).click();
    const form = approver.locator('form.command-form');
    await form.getByLabel('Reason').fill('No room left in this year\'s envelope');
    // A day before the endorsement it follows: the API refuses, the page says so, nothing is recorded.
    await form.getByLabel('Business date').fill(day(-16));
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="alert"] .problem-code').getByText('effective-on.before-previous-step').waitFor();
    expect(await eventsOf(projectId)).toHaveLength(recorded);
    expect((await cardOf(projectId)).status).toBe('endorsed');

    await form.getByLabel('Business date').fill(day(-12));
    await form.locator('button[type="submit"]').click();
    await approver.locator('.recorded [data-event="ProjectRetained"]').waitFor();
    await approver.locator('[data-fact="status"] [data-status="retained"]').waitFor();
    const retained = (await auditor.get(`/projects/${projectId}/events?limit=100`)).body.events.find((event: { type: string }) => event.type === 'ProjectRetained');
    expect(retained).toMatchObject({ effectiveOn: day(-12), metadata: { actorId: 'arturo', reason: "No room left in this year's envelope" } });

    // Rejected today (the business date left empty), with the reason rule 13 asks for.
    await send(approver, 'Reject…', 'ProjectRejected', { Reason: 'The same survey is funded elsewhere' });
    await approver.locator('[data-fact="status"] [data-status="rejected"]').waitFor();
    const rejected = (await eventsOf(projectId)).at(-1)!;
    expect(rejected).toMatchObject({ type: 'ProjectRejected', metadata: { actorId: 'arturo', reason: 'The same survey is funded elsewhere' } });
    expect((rejected as unknown as { effectiveOn: string }).effectiveOn).toBe(today);
    await expectAccessible(approver);
    expect(pageErrors.get(approver)).toEqual([]);
    await approver.context().close();
  });

  it('rejects a budget revision and an extension, each with its reason, and the card keeps its budget and end date', async () => {
    const projectId = await activeProject();
    const { budget, currentEndDate } = await cardOf(projectId);
    const manager = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await send(manager, 'Request a budget revision…', 'BudgetRevisionRequested', {
      'New staff and office costs (USD)': '9000.00',
      'New operational costs (USD)': '38887.00',
      Reason: 'A third survey round',
    });
    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await send(approver, /^Reject the budget revision…/, 'BudgetRevisionRejected', { Reason: 'Two rounds answer the question' });
    await manager.reload();
    await send(manager, 'Request a no-cost extension…', 'NoCostExtensionRequested', { 'New end date': `${year + 2}-06-30`, Reason: 'Elections delayed the field work' });
    await approver.reload();
    await send(approver, /^Reject the extension…/, 'NoCostExtensionRejected', { Reason: 'The work plan still fits' });

    const card = await cardOf(projectId);
    expect({ budget: card.budget, currentEndDate: card.currentEndDate }).toEqual({ budget, currentEndDate });
    const decisions = (await eventsOf(projectId)).filter((event) => event.type.endsWith('Rejected'));
    expect(decisions.map((event) => [event.type, event.metadata.actorId, event.metadata.reason])).toEqual([
      ['BudgetRevisionRejected', 'bintou', 'Two rounds answer the question'],
      ['NoCostExtensionRejected', 'bintou', 'The work plan still fits'],
    ]);
    for (const page of [approver, manager]) {
      expect(pageErrors.get(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('suspends, resumes and cancels a project from its page, each with the reason it needs', async () => {
    const projectId = await activeProject();
    const approver = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await send(approver, 'Suspend…', 'ProjectSuspended', { Reason: 'The ministry asked for a pause' });
    await approver.locator('[data-fact="status"] [data-status="suspended"]').waitFor();
    await send(approver, 'Resume…', 'ProjectResumed');
    await approver.locator('[data-fact="status"] [data-status="active"]').waitFor();
    await send(approver, 'Cancel the project…', 'ProjectCancelled', { Reason: 'The partner withdrew' });
    await approver.locator('[data-fact="status"] [data-status="cancelled"]').waitFor();
    const card = await cardOf(projectId);
    expect(card).toMatchObject({ status: 'cancelled', statusReason: 'The partner withdrew' });
    // Cancelling released the unspent allocation (rule 12): nothing disbursed, nothing committed.
    expect(card.money.committed).toBe('0.00');
    const reasons = (await eventsOf(projectId)).filter((event) => ['ProjectSuspended', 'ProjectCancelled'].includes(event.type)).map((event) => event.metadata.reason);
    expect(reasons).toEqual(['The ministry asked for a pause', 'The partner withdrew']);
    await expectAccessible(approver);
    expect(pageErrors.get(approver)).toEqual([]);
    await approver.context().close();
  });

  /** Presses Tab until the focused element is the one `selector` finds (at most 80 times): the keyboard's way there. */
  async function tabTo(page: Page, selector: string): Promise<void> {
    const target = await page.locator(selector).elementHandle();
    for (let presses = 0; presses < 80; presses += 1) {
      if (await page.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement, target)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  it('records the endorsement and submits a draft by keyboard alone; the workbench follows without a reload', async () => {
    const proposal = nationalProposal();
    expect((await cast.fundManager.post('/projects', proposal)).status).toBe(201);
    const page = await signIn(portal, '/workbench', 'fatima', 'fund-manager');
    const row = page.getByRole('row', { name: new RegExp(proposal.projectId.replace('.', '\\.')) });
    await row.getByText('Government endorsement to record (0 of 1)').waitFor();

    await tabTo(page, `a[href="/workbench/projects/${proposal.projectId}"]`);
    await page.keyboard.press('Enter');
    await page.locator('[data-fact="status"] [data-status="draft"]').waitFor();
    await tabTo(page, '.commands button:has-text("Record a government endorsement…")');
    await page.keyboard.press('Enter');
    // The form takes the keyboard: its first field (the state, Kyrgyzstan the only choice) has the focus.
    await page.locator('select:focus').waitFor();
    await page.keyboard.press('Tab');
    // A date input is typed field by field; headless Chromium orders them month, day, year
    // whatever the page's locale (checked just below, before anything is sent).
    const [yyyy, mm, dd] = today.split('-') as [string, string, string];
    await page.keyboard.type(`${mm}${dd}${yyyy}`);
    expect(await page.locator('form.command-form input[type="date"]').first().inputValue()).toBe(today);
    await tabTo(page, 'form.command-form input[type="text"]');
    await page.keyboard.type('Ministry of Labour, Social Security and Migration');
    await page.keyboard.press('Enter');
    await page.locator('.recorded [data-event="GovernmentEndorsementRecorded"]').waitFor();

    await tabTo(page, '.commands button:has-text("Submit…")');
    await page.keyboard.press('Enter');
    await page.locator('form.command-form textarea').waitFor();
    await page.keyboard.type('Endorsed by the ministry; ready for review');
    await tabTo(page, 'form.command-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-fact="status"] [data-status="submitted"]').waitFor();

    const card = await cardOf(proposal.projectId);
    expect(card.status).toBe('submitted');
    expect(card.governmentEndorsements.KG).toMatchObject({ endorsedOn: today, authority: 'Ministry of Labour, Social Security and Migration' });
    const submittedEvent = (await eventsOf(proposal.projectId)).find((event) => event.type === 'ProjectSubmitted')!;
    expect(submittedEvent.metadata).toMatchObject({ actorId: 'fatima', reason: 'Endorsed by the ministry; ready for review' });

    // Back on the workbench (the menu's link, no reload), the project no longer waits on an endorsement.
    await tabTo(page, 'nav a[href="/workbench"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Workbench', level: 1 }).waitFor();
    await row.getByText('Nothing').waitFor();
    expect(await row.textContent()).not.toContain('Government endorsement to record');
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('records a refund of unspent money as a finance officer', async () => {
    const projectId = await activeProject();
    expect((await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount: '1000.00', valueDate: today })).status).toBe(200);
    expect((await finance.post(`/projects/${projectId}/expenditures`, { amount: '400.00', valueDate: today })).status).toBe(200);
    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'fiona', 'finance-officer');
    await send(page, 'Record a refund…', 'RefundRecorded', { 'Amount (USD)': '600.00', 'Value date': today, Reference: 'Bank credit 2231' });
    await page.locator('[data-fact="disbursed"] data[value="400.00"]').waitFor();
    const card = await cardOf(projectId);
    expect(card.money).toMatchObject({ disbursed: '400.00', spent: '400.00', refunded: '600.00', unspentBalance: '0.00' });
    // Nothing is left to refund: the button is no longer offered.
    expect(await page.getByRole('button', { name: 'Record a refund…' }).count()).toBe(0);
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
