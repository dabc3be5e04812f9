import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signInPage } from './support/sign-in.js';

/**
 * A fund manager drafts a proposal in the browser: what the rules refuse (31 % staff costs,
 * shares of 60 and 30) is refused before anything is sent, a valid proposal is recorded with
 * exactly what was typed, a refusal only the server can make (a PRIMA id already used) is
 * shown next to its field, and the workbench lists the new project with what waits on it.
 */
const MANAGER = 'fm-forms';
// The id formats of the demo's projects (PO.nnnn, KG10Pnnnn), numbered far beyond them.
const n = String(process.pid % 100000).padStart(5, '0');
const PROJECT_ID = `PO.9${n}`;
const OTHER_PROJECT_ID = `PO.8${n}`;
const PRIMA_ID = `KG10P9${n}`;
const ARABIC_TITLE = 'دعم إدارة الهجرة في آسيا الوسطى';

describe('the proposal form and the workbench (browser)', () => {
  let portal: Portal;
  let page: Page;
  /** POST /projects requests the page made. */
  const posts: string[] = [];

  beforeAll(async () => {
    portal = await Portal.start();
    page = await portal.page();
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/projects') posts.push(request.url());
    });
    await signInPage(page, portal, MANAGER, ['fund-manager'], '/workbench/projects/new');
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const field = (label: string) => page.getByLabel(label, { exact: true });

  async function fillValidProposal(projectId: string, primaId: string) {
    await page.getByRole('heading', { name: 'New proposal', level: 1 }).waitFor();
    await field('Project id').fill(projectId);
    await field('PRIMA id').fill(primaId);
    await field('Title in English').fill('Migration administrations of Central Asia');
    await field('Description in English').fill('Support to two migration services.');
    await page.locator('#add-language').selectOption('ar');
    await page.getByRole('button', { name: 'Add', exact: true }).first().click();
    const arabicTitle = page.locator('#f-title-ar');
    expect(await arabicTitle.getAttribute('dir')).toBe('rtl');
    expect(await arabicTitle.getAttribute('lang')).toBe('ar');
    await arabicTitle.fill(ARABIC_TITLE);
    await page.locator('#f-description-ar').fill('دعم دائرتين للهجرة');
    await field('Thematic area').selectOption({ index: 1 });
    await field('Coverage').selectOption('regional');
    await field('Region').selectOption('asia-and-oceania');
    await field('Funding line').selectOption('1');
    const year = new Date().getUTCFullYear();
    await field('Year').fill(String(year));
    await field('Planned start date').fill(`${year}-01-01`);
    await field('Planned end date').fill(`${year + 1}-12-31`);
    for (const code of ['KG', 'KZ']) {
      await page.locator('#add-state').selectOption(code);
      await page.locator('#add-state ~ button').click();
    }
    await page.locator('#f-beneficiaryStates-0-share').fill('60');
    await page.locator('#f-beneficiaryStates-1-share').fill('40');
    await field('Staff and office costs (USD)').fill('30000.00');
    await field('Operational costs (USD)').fill('70000.00');
  }

  const projectCount = async () => {
    const manager = await portal.service.as(MANAGER, 'fund-manager');
    const reply = await manager.get(`/projects/${PROJECT_ID}`);
    return reply.status;
  };

  it('shows the page without serious accessibility violations, the Arabic inputs right to left', async () => {
    await fillValidProposal(PROJECT_ID, PRIMA_ID);
    expect(describeViolations(await seriousViolations(page))).toBe('');
  });

  it('refuses 31 % staff costs before sending', async () => {
    await field('Staff and office costs (USD)').fill('31000.00');
    await field('Operational costs (USD)').fill('69000.00');
    await page.getByText('over the limit').waitFor();
    await page.getByRole('button', { name: 'Send the proposal' }).click();
    await page.locator('#f-budget-staffAndOfficeCosts-error').getByText('At most 30 % of the total budget.').waitFor();
    expect(await page.locator('#f-budget-staffAndOfficeCosts').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-budget-staffAndOfficeCosts').getAttribute('aria-describedby')).toContain('f-budget-staffAndOfficeCosts-error');
    await page.getByRole('alert').getByText('Not sent').waitFor();
    expect(posts).toEqual([]);
    expect(await projectCount()).toBe(404);
  });

  it('refuses shares of 60 and 30 before sending', async () => {
    await field('Staff and office costs (USD)').fill('30000.00');
    await field('Operational costs (USD)').fill('70000.00');
    await page.locator('#f-beneficiaryStates-1-share').fill('30');
    await page.getByRole('button', { name: 'Send the proposal' }).click();
    await page.getByText('Shares add up to 90.00 %, not 100 %.').first().waitFor();
    expect(posts).toEqual([]);
    expect(await projectCount()).toBe(404);
  });

  it('records a valid proposal sent from the keyboard, with what was typed', async () => {
    await page.locator('#f-beneficiaryStates-1-share').fill('40');
    // Keyboard only: Enter in a text field submits the form.
    await page.locator('#f-primaId').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/workbench/projects/${PROJECT_ID.replace('.', '\\.')}\\?minPosition=`));
    expect(posts).toHaveLength(1);
    const manager = await portal.service.as(MANAGER, 'fund-manager');
    const { status, body } = await manager.get(`/projects/${PROJECT_ID}`);
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.objectContaining({
        primaId: PRIMA_ID,
        title: { en: 'Migration administrations of Central Asia', ar: ARABIC_TITLE },
        coverage: 'regional',
        region: 'asia-and-oceania',
        fundingLine: 1,
      }),
    );
    expect(body.beneficiaryStates.map((s: { code: string; share: string }) => [s.code, Number(s.share)])).toEqual([
      ['KG', 60],
      ['KZ', 40],
    ]);
    expect(body.budget).toEqual(expect.objectContaining({ staffAndOfficeCosts: '30000.00', operationalCosts: '70000.00' }));
  });

  it('shows a refusal only the server can make next to the field it names', async () => {
    await page.goto('/workbench/projects/new');
    await fillValidProposal(OTHER_PROJECT_ID, PRIMA_ID);
    await page.getByRole('button', { name: 'Send the proposal' }).click();
    const error = page.locator('#f-primaId-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('already used');
    expect(await page.locator('#f-primaId').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByText('Not recorded').waitFor();
    expect(page.url()).toContain('/workbench/projects/new');
    expect(describeViolations(await seriousViolations(page))).toBe('');
  });

  it('lists the new project on the workbench with the endorsements to record', async () => {
    await page.goto('/workbench');
    const row = page.getByRole('row', { name: new RegExp(PROJECT_ID.replace('.', '\\.')) });
    await row.waitFor();
    const manager = await portal.service.as(MANAGER, 'fund-manager');
    const { body } = await manager.get(`/projects/${PROJECT_ID}`);
    const recorded = Object.keys(body.governmentEndorsements ?? {}).length;
    expect(await row.textContent()).toContain(`Government endorsement to record (${recorded} of 2)`);
    expect(await page.getByRole('link', { name: 'New proposal' }).getAttribute('href')).toBe('/workbench/projects/new');
    expect(describeViolations(await seriousViolations(page))).toBe('');
    expect(pageErrors.get(page)).toEqual([]);
  });
});
