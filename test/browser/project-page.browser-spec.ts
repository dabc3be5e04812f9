import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';

/**
 * The public's project page, envelopes and contributions against the real service with the
 * demo portfolio: what each page shows is what the API answers a visitor for the same
 * question (compared field by field, and as the page's locale formats it), a project's texts
 * switch language by keyboard and lay out right to left in Arabic, an unknown project says
 * so, and axe finds nothing serious.
 */

interface Card {
  projectId: string;
  primaId: string;
  title: Record<string, string>;
  description?: Record<string, string>;
  status: string;
  iatiActivityStatus: number;
  thematicArea: string;
  coverage: string;
  region: string;
  fundingLine: number;
  year: number;
  plannedStartDate: string;
  plannedEndDate: string;
  currentEndDate: string;
  actualStartDate?: string;
  actualEndDate?: string;
  beneficiaryStates: { code: string; share: string }[];
  splits: { state: string; budget: string; committed: string; disbursed: string; spent: string }[];
  transactionsPublic: { kind: string; amount: string; valueDate: string }[];
  deliveryRate: string | null;
  [money: string]: unknown;
}

const MONEY_FIELDS = ['staffAndOfficeCosts', 'operationalCosts', 'budget', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance'] as const;

/** Whole cents of an API amount ("1234.50" → 123450), to add amounts exactly. */
const cents = (amount: string) => Math.round(Number(amount) * 100);

describe('the project page, envelopes and contributions (browser)', () => {
  let portal: Portal;
  /** What a visitor (no token) reads from the API, once the views hold the whole demo. */
  let read: <T>(path: string) => Promise<{ status: number; body: T }>;
  let card: Card;

  beforeAll(async () => {
    portal = await Portal.start();
    read = async <T>(path: string) => {
      const url = new URL(path, portal.baseUrl);
      if (portal.demoPosition) url.searchParams.set('minPosition', portal.demoPosition);
      const reply = await fetch(url);
      return { status: reply.status, body: (await reply.json()) as T };
    };
    // A project written in English and Arabic (at least), with money that has moved and a beneficiary state.
    const list = await read<{ items: Card[] }>('/portfolio?limit=200');
    const chosen = list.body.items.find((item) => item.title.en && item.title.ar && item.transactionsPublic.length > 1 && item.beneficiaryStates.length > 0);
    if (!chosen) throw new Error('the demo portfolio has no public project in English and Arabic with transactions');
    card = (await read<Card>(`/portfolio/${chosen.projectId}`)).body;
  });

  afterAll(async () => {
    await portal?.stop();
  });

  /** An amount as the page's own locale writes money (the page says its locale in <html lang>). */
  const money = (page: Page, amount: string) =>
    page.evaluate(
      `new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(${JSON.stringify(Number(amount))})`,
    ) as Promise<string>;

  async function openProject(page: Page, query = ''): Promise<void> {
    await page.goto(`/portal/projects/${card.projectId}${query}`);
    await page.locator('dd[data-field="budget"]').waitFor();
  }

  async function expectNoSeriousViolations(page: Page): Promise<void> {
    expect(describeViolations(await seriousViolations(page))).toBe('');
  }

  it("shows a project's record, money, states and transactions exactly as GET /portfolio/{id} gives them", async () => {
    const page = await portal.page({ locale: 'en-GB' });
    await openProject(page);

    const title = page.getByRole('heading', { level: 1 });
    expect(await title.textContent()).toBe(card.title.en);
    expect(await title.getAttribute('lang')).toBe('en');
    expect(await title.getAttribute('dir')).toBe('ltr');
    expect(await page.locator('[data-field="projectId"]').textContent()).toContain(card.projectId);
    expect(await page.locator('[data-field="primaId"]').textContent()).toContain(card.primaId);

    // The record: each fact carries the API's value, and shows it in words.
    const value = (field: string) => page.locator(`dd[data-field="${field}"]`).getAttribute('data-value');
    for (const field of ['status', 'thematicArea', 'coverage', 'region'] as const) expect(await value(field)).toBe(card[field]);
    expect(await value('iatiActivityStatus')).toBe(String(card.iatiActivityStatus));
    expect(await value('fundingLine')).toBe(String(card.fundingLine));
    expect(await value('year')).toBe(String(card.year));
    for (const field of ['plannedStartDate', 'plannedEndDate', 'actualStartDate', 'actualEndDate'] as const) {
      expect(await value(field)).toBe(card[field] ?? '');
    }
    const themes = (await read<{ entries: { code: string; label: string }[] }>('/code-lists/thematic-areas')).body.entries;
    expect(await page.locator('dd[data-field="thematicArea"]').textContent()).toBe(themes.find((entry) => entry.code === card.thematicArea)?.label);

    // Money: the amount itself, and as the locale writes it.
    for (const field of MONEY_FIELDS) {
      const shown = page.locator(`dd[data-field="${field}"]`);
      expect([field, await shown.getAttribute('data-amount')]).toEqual([field, card[field]]);
      expect([field, await shown.textContent()]).toEqual([field, await money(page, card[field] as string)]);
    }
    expect(await value('deliveryRate')).toBe(card.deliveryRate ?? '');

    // Beneficiary states: the card's split, state by state, with each share.
    const stateRows = page.locator('section[aria-labelledby="project-states"] tbody tr');
    expect(await stateRows.count()).toBe(card.splits.length);
    for (const [index, split] of card.splits.entries()) {
      const row = stateRows.nth(index);
      expect(await row.locator('[data-state-code]').getAttribute('data-state-code')).toBe(split.state);
      expect(await row.locator('[data-share]').getAttribute('data-share')).toBe(card.beneficiaryStates.find((state) => state.code === split.state)?.share);
      expect(await row.locator('[data-amount]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')))).toEqual([
        split.budget,
        split.committed,
        split.disbursed,
        split.spent,
      ]);
    }

    // Money over time: every public transaction in order, the running sums ending at the card's disbursed and spent.
    const flowRows = page.locator('section[aria-labelledby="project-flows"] tbody tr');
    expect(await flowRows.count()).toBe(card.transactionsPublic.length);
    let disbursed = 0;
    let spent = 0;
    for (const [index, transaction] of card.transactionsPublic.entries()) {
      const row = flowRows.nth(index);
      if (transaction.kind === 'disbursement') disbursed += cents(transaction.amount);
      if (transaction.kind === 'refund') disbursed -= cents(transaction.amount);
      if (transaction.kind === 'expenditure') spent += cents(transaction.amount);
      expect(await row.locator('time').getAttribute('datetime')).toBe(transaction.valueDate);
      expect(await row.locator('[data-kind]').getAttribute('data-kind')).toBe(transaction.kind);
      const amounts = (await row.locator('[data-amount]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')))) as string[];
      expect([cents(amounts[0]!), cents(amounts[1]!), cents(amounts[2]!)]).toEqual([cents(transaction.amount), disbursed, spent]);
    }
    const last = flowRows.last().locator('[data-amount]');
    expect(await last.nth(1).getAttribute('data-amount')).toBe(card.disbursed);
    expect(await last.nth(2).getAttribute('data-amount')).toBe(card.spent);
    const chart = page.locator('section[aria-labelledby="project-flows"] canvas[role="img"]');
    expect(await chart.getAttribute('aria-label')).toContain(await money(page, card.spent as string));

    // The project's IATI file, and the way back to the list.
    const iati = page.getByRole('link', { name: new RegExp(`IATI.*${card.projectId.replace('.', '\\.')}`) });
    expect(await iati.getAttribute('href')).toBe(`/iati/activities/${card.projectId}.xml`);
    const file = await fetch(`${portal.baseUrl}/iati/activities/${card.projectId}.xml`);
    expect([file.status, await file.text()]).toEqual([200, expect.stringContaining(`<iati-identifier>`)]);
    expect(await page.getByRole('link', { name: 'All projects' }).getAttribute('href')).toBe('/portal/projects');

    await expectNoSeriousViolations(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('switches the texts to Arabic by keyboard, right to left, and keeps the choice through a reload', async () => {
    const page = await portal.page({ locale: 'en-GB' });
    await openProject(page);
    // Tab from the top of the page to the switch's Arabic button, then press it with Enter.
    let focused = '';
    for (let tabs = 0; tabs < 40 && !focused.includes('العربية'); tabs += 1) {
      await page.keyboard.press('Tab');
      focused = String(await page.evaluate('document.activeElement?.textContent ?? ""'));
    }
    expect(focused).toContain('العربية');
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { level: 1 });
    await page.locator('h1[lang="ar"]').waitFor();
    expect(await title.textContent()).toBe(card.title.ar);
    expect(await title.getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('button', { name: /العربية/ }).getAttribute('aria-pressed')).toBe('true');
    if (card.description?.ar) {
      const description = page.locator('p.project-description');
      expect([await description.getAttribute('lang'), await description.getAttribute('dir'), await description.textContent()]).toEqual(['ar', 'rtl', card.description.ar]);
    }
    // Laid out right to left: the heading's text starts at its right edge.
    expect(await page.evaluate('getComputedStyle(document.querySelector("h1")).direction')).toBe('rtl');
    expect(new URL(page.url()).searchParams.get('text')).toBe('ar');

    await page.reload();
    await page.locator('h1[lang="ar"]').waitFor();
    expect(await title.textContent()).toBe(card.title.ar);
    await expectNoSeriousViolations(page);

    // …and back to English with the keyboard (Space this time).
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Space');
    await page.locator('h1[lang="en"][dir="ltr"]').waitFor();
    expect(await title.textContent()).toBe(card.title.en);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it("opens in the reader's interface language when the project has it (a language it lacks, asked in the address, is said), with money in that locale", async () => {
    const page = await portal.page({ locale: 'fr-FR' });
    await openProject(page, '?text=zz');
    expect(await page.getByText(/« zz »/).count()).toBe(1);
    const expected = card.title.fr ? { text: card.title.fr, lang: 'fr' } : { text: card.title.en, lang: 'en' };
    const title = page.getByRole('heading', { level: 1 });
    expect([await title.getAttribute('lang'), await title.textContent()]).toEqual([expected.lang, expected.text]);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('dd[data-field="budget"]').textContent()).toBe(await money(page, card.budget as string));
    expect(await page.getByRole('heading', { level: 2, name: 'Budget et flux financiers' }).count()).toBe(1);
    await expectNoSeriousViolations(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('says that a global project names no beneficiary state, and still shows its money', async () => {
    const list = await read<{ items: Card[] }>('/portfolio?limit=200&coverage=global');
    const global = list.body.items.find((item) => item.beneficiaryStates.length === 0);
    if (!global) throw new Error('the demo portfolio has no public global project without beneficiary states');
    const page = await portal.page({ locale: 'en-GB' });
    await page.goto(`/portal/projects/${global.projectId}`);
    const states = page.locator('section[aria-labelledby="project-states"]');
    await states.getByText('No beneficiary state is named').waitFor();
    expect(await states.locator('table').count()).toBe(0);
    expect(await page.locator('dd[data-field="budget"]').getAttribute('data-amount')).toBe(global.budget);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('says plainly that an unknown project is not there, with a way back', async () => {
    const missing = 'PO.9999';
    expect((await read(`/portfolio/${missing}`)).status).toBe(404);
    const page = await portal.page({ locale: 'en-GB' });
    await page.goto(`/portal/projects/${missing}`);
    await page.getByRole('heading', { level: 1, name: 'Project not found' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(missing);
    await page.getByRole('link', { name: 'All projects' }).click();
    await page.waitForURL('**/portal/projects');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Project not found' }).waitFor();
    await expectNoSeriousViolations(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows every envelope as GET /funding/envelopes gives it, and totals that are the sums of the rows', async () => {
    const { body } = await read<{ items: { year: number; fundingLine: number; amount: string; reserved: string; disbursed: string; remaining: string }[] }>('/funding/envelopes');
    expect(body.items.length).toBeGreaterThan(0);
    const page = await portal.page({ locale: 'en-GB' });
    await page.goto('/portal/envelopes');
    await page.locator('tfoot').waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(body.items.length);
    for (const [index, envelope] of body.items.entries()) {
      const row = rows.nth(index);
      expect(await row.locator('[data-year]').getAttribute('data-year')).toBe(String(envelope.year));
      expect(await row.locator('[data-line]').getAttribute('data-line')).toBe(String(envelope.fundingLine));
      expect(await row.locator('[data-amount]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')))).toEqual([
        envelope.amount,
        envelope.reserved,
        envelope.disbursed,
        envelope.remaining,
      ]);
    }
    const totals = (await page.locator('tfoot [data-amount]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')))) as string[];
    const sum = (key: 'amount' | 'reserved' | 'disbursed' | 'remaining') => body.items.reduce((total, envelope) => total + cents(envelope[key]), 0);
    expect(totals.map(cents)).toEqual([sum('amount'), sum('reserved'), sum('disbursed'), sum('remaining')]);
    expect(await page.locator('tfoot [data-amount]').first().textContent()).toBe(await money(page, totals[0]!));
    await expectNoSeriousViolations(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows every donor as GET /funding/contributions gives it, with its total', async () => {
    type Sums = { contributions: number; pledged: string; received: string; outstanding: string };
    const { body } = await read<{ donors: (Sums & { donor: string })[]; total: Sums }>('/funding/contributions');
    expect(body.donors.length).toBeGreaterThan(0);
    const page = await portal.page({ locale: 'es-ES' });
    await page.goto('/portal/contributions');
    await page.locator('tfoot').waitFor();
    const shown = async (scope: string) => ({
      donor: await page.locator(`${scope} [data-donor]`).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-donor'))),
      count: await page.locator(`${scope} [data-count]`).evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-count')))),
      amounts: await page.locator(`${scope} [data-amount]`).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount'))),
    });
    expect(await shown('tbody')).toEqual({
      donor: body.donors.map((row) => row.donor),
      count: body.donors.map((row) => row.contributions),
      amounts: body.donors.flatMap((row) => [row.pledged, row.received, row.outstanding]),
    });
    expect(await shown('tfoot')).toEqual({ donor: [], count: [body.total.contributions], amounts: [body.total.pledged, body.total.received, body.total.outstanding] });
    expect(await page.locator('tfoot [data-amount]').nth(1).textContent()).toBe(await money(page, body.total.received));
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectNoSeriousViolations(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
