import type { Page } from 'playwright-core';
import { nationalProposal } from '../support/fixtures.js';
import { endorsed, submitted, type Cast } from '../support/journeys.js';
import type { Client } from '../support/test-app.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signIn } from './support/sign-in.js';

/**
 * Staff send a project's commands and decide the approval queue in the browser, and the
 * API's record is the judge: one approval for a double click, nothing for a stale tab or a
 * refused approval, the envelope's room as the API computes it.
 */
describe('the workbench: a project\'s commands and the approval queue (browser)', () => {
  let portal: Portal;
  let cast: Cast;
  let auditor: Client;
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    portal = await Portal.start({ demo: false });
    const as = portal.service.as.bind(portal.service);
    cast = { admin: await as('ada', 'admin'), fundManager: await as('fatima', 'fund-manager'), approver: await as('arturo', 'approver'), secondApprover: await as('bintou', 'approver') };
    auditor = await as('audrey', 'auditor');
    expect((await cast.admin.post('/envelopes', { year, fundingLine: 1, amount: '1000000.00' })).status).toBe(201);
    // Line 2's envelope is too small for any proposal: its approvals are refused (envelope.exhausted).
    expect((await cast.admin.post('/envelopes', { year, fundingLine: 2, amount: '1000.00' })).status).toBe(201);
  });

  afterAll(async () => {
    await portal?.stop();
  });

  async function eventTypes(projectId: string): Promise<string[]> {
    const reply = await auditor.get(`/projects/${projectId}/events?limit=100`);
    expect(reply.status).toBe(200);
    return (reply.body.events as { type: string }[]).map((event) => event.type);
  }

  async function statusOf(projectId: string): Promise<string> {
    return (await auditor.get(`/projects/${projectId}`)).body.status;
  }

  /** Presses Tab until the focused element is the one `selector` finds (at most 60 times): the keyboard's way there. */
  async function tabTo(page: Page, selector: string): Promise<void> {
    const target = await page.locator(selector).elementHandle();
    for (let presses = 0; presses < 60; presses += 1) {
      if (await page.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement, target)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(describeViolations(await seriousViolations(page))).toBe('');
  }

  it('decides an approval from the queue by keyboard alone; the queue and the envelope\'s room follow', async () => {
    const first = await endorsed(cast, nationalProposal());
    const second = await endorsed(cast, nationalProposal());
    const before = (await cast.secondApprover.get(`/envelopes/${year}/1`)).body;

    const page = await signIn(portal, '/workbench/approvals?kind=approval', 'bintou', 'approver');
    const firstItem = page.locator(`li.queue-item[data-project-id="${first}"]`);
    const secondItem = page.locator(`li.queue-item[data-project-id="${second}"]`);
    await firstItem.waitFor();
    // The queue as the API answers it for bintou, in its order (oldest first).
    const queue = (await cast.secondApprover.get('/approval-queue?kind=approval')).body.items as { projectId: string }[];
    expect(await page.locator('li.queue-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-project-id')))).toEqual(queue.map((item) => item.projectId));
    expect(await secondItem.locator('.envelope-room data').getAttribute('value')).toBe(before.available);
    await expectAccessible(page);

    await tabTo(page, `li.queue-item[data-project-id="${first}"] .queue-actions button`);
    await page.keyboard.press('Enter');
    // The form (once the project's card is read, for its revision) takes the keyboard: its first field is the reason.
    await page.locator(`li.queue-item[data-project-id="${first}"] form textarea:focus`).waitFor();
    await page.keyboard.type('Fits the 2026 work plan');
    await tabTo(page, `li.queue-item[data-project-id="${first}"] form button[type="submit"]`);
    await page.keyboard.press('Enter');

    await page.locator('.recorded [data-event="ProjectApproved"]').waitFor();
    await firstItem.waitFor({ state: 'detached' });
    const after = (await cast.secondApprover.get(`/envelopes/${year}/1`)).body;
    const budget = (await auditor.get(`/projects/${first}`)).body.budget.total as string;
    expect(Number(after.available)).toBeCloseTo(Number(before.available) - Number(budget), 2);
    await page.locator(`li.queue-item[data-project-id="${second}"] .envelope-room data[value="${after.available}"]`).waitFor();
    expect(await statusOf(first)).toBe('approved');
    const approval = (await auditor.get(`/projects/${first}/events?limit=100`)).body.events.find((event: { type: string }) => event.type === 'ProjectApproved');
    expect(approval.metadata).toMatchObject({ actorId: 'bintou', reason: 'Fits the 2026 work plan' });
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('records one approval for a double click, and shows the result on the card without a reload', async () => {
    const projectId = await endorsed(cast, nationalProposal());
    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await page.locator('[data-fact="status"] [data-status="endorsed"]').waitFor();
    // Only what bintou may do now is offered: the API's allowedCommands, one button each.
    const allowed = (await cast.secondApprover.get(`/projects/${projectId}`)).body.allowedCommands as { command: string }[];
    expect(await page.locator('.commands .command-group button').count()).toBe(allowed.length);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Approve…' }).click();
    await page.locator('form.command-form').getByRole('button', { name: 'Approve', exact: true }).dblclick();
    await page.locator('[data-fact="status"] [data-status="approved"]').waitFor();
    await page.locator('.recorded [data-event="ProjectApproved"]').waitFor();
    expect((await eventTypes(projectId)).filter((type) => type === 'ProjectApproved')).toHaveLength(1);
    expect(await page.locator('article').getAttribute('data-revision')).toBe(String((await auditor.get(`/projects/${projectId}`)).body.revision));
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a stale tab what changed (412), records nothing, and starts again', async () => {
    const projectId = await endorsed(cast, nationalProposal());
    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await page.getByRole('button', { name: 'Approve…' }).click();
    // Meanwhile another approver retains it (from another tab, through the API).
    expect((await cast.approver.post(`/projects/${projectId}/retain`, { reason: 'Wait for the mid-year envelope' })).status).toBe(200);

    await page.locator('form.command-form').getByRole('button', { name: 'Approve', exact: true }).click();
    const stale = page.locator('.changed-since');
    await stale.getByRole('heading', { name: 'This project changed since you opened it' }).waitFor();
    await stale.getByText('Retained').first().waitFor();
    await stale.getByText('Wait for the mid-year envelope', { exact: false }).waitFor();
    await stale.locator('.differences').getByText('retained').waitFor();
    expect(await eventTypes(projectId)).not.toContain('ProjectApproved');
    expect(await statusOf(projectId)).toBe('retained');
    expect(await page.locator('.recorded').count()).toBe(0);
    await expectAccessible(page);

    await stale.getByRole('button', { name: 'Start again' }).click();
    await page.locator('[data-fact="status"] [data-status="retained"]').waitFor();
    // The form is open again, on the current revision and with a new intent.
    await page.locator('form.command-form').getByRole('button', { name: 'Approve', exact: true }).click();
    await page.locator('[data-fact="status"] [data-status="approved"]').waitFor();
    expect((await eventTypes(projectId)).filter((type) => type === 'ProjectApproved')).toHaveLength(1);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the API\'s reason when the envelope is exhausted, and records nothing', async () => {
    const projectId = await endorsed(cast, nationalProposal({ fundingLine: 2 }));
    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'bintou', 'approver');
    await page.getByRole('button', { name: 'Approve…' }).click();
    await page.locator('form.command-form').getByRole('button', { name: 'Approve', exact: true }).click();
    const alert = page.locator('form.command-form [role="alert"]');
    await alert.getByText('envelope.exhausted').waitFor();

    // The same refusal, straight from the API (a refusal records nothing, so asking again is harmless).
    const refusal = await cast.secondApprover.post(`/projects/${projectId}/approve`);
    expect(refusal.status).toBe(409);
    expect(refusal.body.code).toBe('envelope.exhausted');
    await alert.getByText(refusal.body.detail, { exact: true }).waitFor();
    expect(await statusOf(projectId)).toBe('endorsed');
    expect(await eventTypes(projectId)).not.toContain('ProjectApproved');
    expect(await page.locator('.recorded').count()).toBe(0);
    await page.locator('[data-fact="status"] [data-status="endorsed"]').waitFor();
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the four-eyes refusal in the queue to the approver who submitted', async () => {
    const both = await portal.service.as('farah', 'fund-manager', 'approver');
    const { projectId } = await submitted({ ...cast, fundManager: both }, nationalProposal());
    const page = await signIn(portal, '/workbench/approvals?kind=endorsement', 'farah', 'fund-manager', 'approver');
    const item = page.locator(`li.queue-item[data-project-id="${projectId}"]`);
    await item.waitFor();
    const mine = ((await both.get('/approval-queue?kind=endorsement')).body.items as { projectId: string; mayAct: boolean; refusal?: { code: string; detail: string } }[]).find(
      (entry) => entry.projectId === projectId,
    )!;
    expect(mine).toMatchObject({ mayAct: false, refusal: { code: 'approval.four-eyes' } });
    await item.locator('.refusal[data-refusal="approval.four-eyes"]').getByText(mine.refusal!.detail).waitFor();
    expect(await item.locator('.queue-actions button').count()).toBe(0);
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('records a disbursement with its value date from the project page', async () => {
    const projectId = await endorsed(cast, nationalProposal());
    expect((await cast.approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
    expect((await cast.fundManager.post(`/projects/${projectId}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service' })).status).toBe(200);
    expect((await cast.fundManager.post(`/projects/${projectId}/start`)).status).toBe(200);

    const page = await signIn(portal, `/workbench/projects/${projectId}`, 'fatima', 'fund-manager');
    await page.getByRole('button', { name: 'Record a disbursement…' }).click();
    const form = page.locator('form.command-form');
    // Bad input is named next to its field before anything is sent.
    await form.getByLabel('Amount (USD)').fill('twelve hundred');
    await form.getByRole('button', { name: 'Record a disbursement' }).click();
    await form.getByText('An amount in US dollars, like 15000.00.').waitFor();
    await form.getByText('Fill this in.').waitFor();
    expect((await eventTypes(projectId)).filter((type) => type === 'DisbursementRecorded')).toHaveLength(0);

    await form.getByLabel('Amount (USD)').fill('1200.00');
    await form.getByLabel('Value date').fill(today);
    await form.getByLabel('Reference').fill('PO-4711');
    await form.getByRole('button', { name: 'Record a disbursement' }).click();
    await page.locator('.recorded [data-event="DisbursementRecorded"]').waitFor();

    const card = (await auditor.get(`/projects/${projectId}`)).body;
    expect(card.money.disbursed).toBe('1200.00');
    expect(card.transactions).toEqual([expect.objectContaining({ kind: 'disbursement', amount: '1200.00', valueDate: today })]);
    await page.locator(`[data-fact="disbursed"] data[value="${card.money.disbursed}"]`).waitFor();
    await page.locator(`table time[datetime="${today}"]`).waitFor();
    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
