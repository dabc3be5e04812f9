import type { Page } from 'playwright-core';
import type { Client } from '../support/test-app.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signIn } from './support/sign-in.js';

/**
 * Issue 20's whole journey, entirely in the browser: three people, each in a browser
 * context of their own — a fund manager (fatima), an approver (arturo) and a second
 * approver (bintou) — take a national project from draft to closed. Nobody types an HTTP
 * request; the API's record (the card and the project's events, read as an auditor) is the
 * judge at the end.
 */
const n = String(process.pid % 100000).padStart(5, '0');
const PROJECT_ID = `PO.7${n}`;
const PRIMA_ID = `KG10P7${n}`;

/** `date` plus `months` (day clamped to 28: always a real date). */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
}

describe('the workbench: a project from draft to closed, in the browser alone', () => {
  let portal: Portal;
  let auditor: Client;
  let manager: Page;
  let approver: Page;
  let secondApprover: Page;
  let today: string;

  beforeAll(async () => {
    portal = await Portal.start({ demo: false });
    const admin = await portal.service.as('ada', 'admin');
    auditor = await portal.service.as('audrey', 'auditor');
    today = (await auditor.get('/fund/policy')).body.today as string;
    // The fund's envelope for the year (an admin's task, not the workbench's).
    expect((await admin.post('/envelopes', { year: Number(today.slice(0, 4)), fundingLine: 1, amount: '500000.00' })).status).toBe(201);
    manager = await signIn(portal, '/workbench', 'fatima', 'fund-manager');
    approver = await signIn(portal, '/workbench/approvals', 'arturo', 'approver');
    secondApprover = await signIn(portal, '/workbench/approvals', 'bintou', 'approver');
  });

  afterAll(async () => {
    await portal?.stop();
  });

  async function card(): Promise<{ status: string; revision: number; money: Record<string, string> }> {
    const reply = await auditor.get(`/projects/${PROJECT_ID}`);
    expect(reply.status).toBe(200);
    return reply.body;
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(describeViolations(await seriousViolations(page))).toBe('');
  }

  /** Opens a command's form on the project page, fills it and sends it; waits until the card shows the event recorded. */
  async function send(page: Page, button: string, event: string, fill: Record<string, string> = {}): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    const form = page.locator('form.command-form');
    for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
    await form.locator('button[type="submit"]').click();
    await page.locator(`.recorded [data-event="${event}"]`).waitFor();
    await form.waitFor({ state: 'detached' });
  }

  async function expectStatus(page: Page, status: string): Promise<void> {
    await page.locator(`[data-fact="status"] [data-status="${status}"]`).waitFor();
    expect((await card()).status).toBe(status);
  }

  /** Decides the queue's item for the project, of `kind`, with the form's submit button. */
  async function decideInQueue(page: Page, kind: string, event: string, reason?: string): Promise<void> {
    await page.goto(`/workbench/approvals?kind=${kind}`);
    const item = page.locator(`li.queue-item[data-project-id="${PROJECT_ID}"][data-kind="${kind}"]`).first();
    await item.waitFor();
    await item.locator('.queue-actions button').click();
    const form = item.locator('form.command-form');
    await form.waitFor();
    if (reason) await form.getByLabel('Reason', { exact: false }).fill(reason);
    await form.locator('button[type="submit"]').click();
    await page.locator(`.recorded [data-event="${event}"]`).waitFor();
  }

  it('drafts the proposal in the proposal form (fund manager)', async () => {
    await manager.getByRole('link', { name: 'New proposal' }).click();
    await manager.getByRole('heading', { name: 'New proposal', level: 1 }).waitFor();
    const field = (label: string) => manager.getByLabel(label, { exact: true });
    await field('Project id').fill(PROJECT_ID);
    await field('PRIMA id').fill(PRIMA_ID);
    await field('Title in English').fill('Labour migration statistics in Kyrgyzstan');
    await field('Description in English').fill('Training the statistics office in labour-migration surveys.');
    await field('Thematic area').selectOption({ index: 1 });
    await field('Coverage').selectOption('national');
    await field('Region').selectOption('asia-and-oceania');
    await field('Funding line').selectOption('1');
    await field('Year').fill(today.slice(0, 4));
    // Five months: under a year, so the final reports alone are needed to close (rule 11).
    await field('Planned start date').fill(today);
    await field('Planned end date').fill(addMonths(today, 5));
    await manager.locator('#add-state').selectOption('KG');
    await manager.locator('#add-state ~ button').click();
    await field('Staff and office costs (USD)').fill('18000.00');
    await field('Operational costs (USD)').fill('42000.00');
    await manager.getByRole('button', { name: 'Send the proposal' }).click();
    await manager.waitForURL(new RegExp(`/workbench/projects/${PROJECT_ID.replace('.', '\\.')}`));
    await expectStatus(manager, 'draft');
    await expectAccessible(manager);
  });

  it('records the endorsement of Kyrgyzstan\'s government and submits (fund manager)', async () => {
    // Not offered before rule 5 holds.
    expect(await manager.getByRole('button', { name: 'Submit…' }).count()).toBe(0);
    await send(manager, 'Record a government endorsement…', 'GovernmentEndorsementRecorded', { 'Endorsed on': today, 'Endorsing authority': 'Ministry of Labour' });
    await send(manager, 'Submit…', 'ProjectSubmitted');
    await expectStatus(manager, 'submitted');
  });

  it('is endorsed from the queue by one approver and approved by another (four eyes)', async () => {
    await decideInQueue(approver, 'endorsement', 'ProjectEndorsed');
    expect((await card()).status).toBe('endorsed');
    await decideInQueue(secondApprover, 'approval', 'ProjectApproved', 'Fits the statistics programme');
    await secondApprover.locator(`li.queue-item[data-project-id="${PROJECT_ID}"]`).waitFor({ state: 'detached' });
    expect((await card()).status).toBe('approved');
    await expectAccessible(secondApprover);
  });

  it('records the focal point, starts, and records the money that moved (fund manager)', async () => {
    await manager.reload();
    await expectStatus(manager, 'approved');
    await send(manager, 'Record the focal point…', 'FocalPointRecorded', { Name: 'Aigerim Sadykova', Organisation: 'National Statistical Committee' });
    await send(manager, 'Start implementation…', 'ImplementationStarted');
    await expectStatus(manager, 'active');
    await send(manager, 'Record a disbursement…', 'DisbursementRecorded', { 'Amount (USD)': '25000.00', 'Value date': today, Reference: 'PO-2026-118' });
    await send(manager, 'Record an expenditure…', 'ExpenditureRecorded', { 'Amount (USD)': '25000.00', 'Value date': today });
    await manager.locator('[data-fact="spent"] data[value="25000.00"]').waitFor();
    const money = (await card()).money;
    expect(money).toMatchObject({ disbursed: '25000.00', spent: '25000.00', unspentBalance: '0.00' });
  });

  it('completes and submits the two final reports (fund manager)', async () => {
    await send(manager, 'Complete…', 'ProjectCompleted');
    await expectStatus(manager, 'completed');
    await send(manager, 'Submit a report… (final narrative report)', 'ReportSubmitted', { Summary: 'All four survey rounds ran.' });
    await send(manager, 'Submit a report… (final financial report)', 'ReportSubmitted', { Summary: 'USD 25,000 disbursed and spent.' });
    // Closing is not offered before the reports are accepted (rule 11), and never to a fund manager.
    expect(await manager.getByRole('button', { name: 'Close…' }).count()).toBe(0);
  });

  it('has the reports accepted from the queue and the project closed (approvers)', async () => {
    await decideInQueue(approver, 'report', 'ReportAccepted');
    await decideInQueue(approver, 'report', 'ReportAccepted');
    await secondApprover.goto(`/workbench/projects/${PROJECT_ID}`);
    await send(secondApprover, 'Close…', 'ProjectClosed');
    await expectStatus(secondApprover, 'closed');
    await expectAccessible(secondApprover);
  });

  it('leaves the record the journey should: closed, with each step once, by whom it was done', async () => {
    const closed = await card();
    expect(closed.status).toBe('closed');
    // After closure committed equals net disbursed (DOMAIN: money over a project's life).
    expect(closed.money).toMatchObject({ committed: '25000.00', disbursed: '25000.00', spent: '25000.00' });
    const reply = await auditor.get(`/projects/${PROJECT_ID}/events?limit=100`);
    expect(reply.status).toBe(200);
    const events = reply.body.events as { type: string; metadata: { actorId?: string } }[];
    expect(events.map((event) => [event.type, event.metadata.actorId])).toEqual([
      ['ProjectDrafted', 'fatima'],
      ['GovernmentEndorsementRecorded', 'fatima'],
      ['ProjectSubmitted', 'fatima'],
      ['ProjectEndorsed', 'arturo'],
      ['ProjectApproved', 'bintou'],
      ['FocalPointRecorded', 'fatima'],
      ['ImplementationStarted', 'fatima'],
      ['DisbursementRecorded', 'fatima'],
      ['ExpenditureRecorded', 'fatima'],
      ['ProjectCompleted', 'fatima'],
      ['ReportSubmitted', 'fatima'],
      ['ReportSubmitted', 'fatima'],
      ['ReportAccepted', 'arturo'],
      ['ReportAccepted', 'arturo'],
      ['ProjectClosed', 'bintou'],
    ]);
    for (const page of [manager, approver, secondApprover]) expect(pageErrors.get(page)).toEqual([]);
  });

  it('signs the fund manager out: the workbench asks to sign in, and the API no longer knows her', async () => {
    await manager.goto('/workbench');
    await manager.getByRole('heading', { name: 'Workbench', level: 1 }).waitFor();
    await manager.getByRole('button', { name: 'Sign out' }).click();
    await manager.getByText("The workbench is for the fund's staff.").waitFor();
    await manager.reload();
    await manager.getByText("The workbench is for the fund's staff.").waitFor();
    expect(await manager.getByRole('link', { name: 'New proposal' }).count()).toBe(0);
    // The page's own requests are refused now: the session cookie is gone.
    expect(await manager.evaluate(`fetch('/projects/${PROJECT_ID}', { headers: { 'x-requested-with': 'portfolio-ledger-web' } }).then((reply) => reply.status)`)).toBe(401);
  });
});
