import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { csvObjects } from '../support/csv.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors, readUntil } from './support/portal.js';

interface Sums {
  projects: number;
  budget: string;
  committed: string;
  disbursed: string;
  spent: string;
  deliveryRate: string | null;
}
interface Summary {
  groups: (Sums & Record<string, unknown>)[];
  total: Sums;
}
interface ShownRow {
  group: string;
  projects: number;
  amount: string;
}

/**
 * The overview at `/`, as a visitor (no sign-in) sees it, against the funding summary the
 * API answers a visitor for the same filters: its totals, a chart's table, the map's table
 * and the map itself, the filters in the address, a grouping's CSV, accessibility.
 */
describe('the portfolio overview (browser)', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await Portal.start();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  /** The API's answer to a visitor, once the views hold the whole demo. */
  async function summary(query: string): Promise<Summary> {
    const response = await fetch(`${portal.baseUrl}/funding/summary?${query}&minPosition=${portal.demoPosition}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Summary;
  }

  const totalsShown = (page: Page) =>
    page.evaluate(`(() => {
      const amount = (measure) => document.querySelector('.totals [data-measure="' + measure + '"] dd')?.getAttribute('data-amount');
      const dd = (measure, attribute) => document.querySelector('.totals [data-measure="' + measure + '"] dd')?.getAttribute(attribute);
      return { projects: Number(dd('projects', 'data-count')), budget: amount('budget'), committed: amount('committed'), disbursed: amount('disbursed'), spent: amount('spent'), deliveryRate: dd('deliveryRate', 'data-rate') || null };
    })()`) as Promise<Sums>;

  const tableShown = (page: Page, grouping: string) =>
    page.evaluate(`[...document.querySelectorAll('[data-grouping="${grouping}"] tbody tr')].map((row) => ({
      group: row.querySelector('[data-group]').getAttribute('data-group'),
      projects: Number(row.querySelector('[data-projects]').getAttribute('data-projects')),
      amount: row.querySelector('[data-amount]').getAttribute('data-amount'),
    }))`) as Promise<ShownRow[]>;

  const totalRowShown = (page: Page, grouping: string) =>
    page.evaluate(`(() => {
      const row = document.querySelector('[data-grouping="${grouping}"] tfoot tr');
      return { projects: Number(row.querySelector('[data-projects]').getAttribute('data-projects')), amount: row.querySelector('[data-amount]').getAttribute('data-amount') };
    })()`) as Promise<{ projects: number; amount: string }>;

  const readyState = (page: Page) => page.evaluate(`document.querySelector('.overview')?.getAttribute('data-state')`);

  /** What the table of a grouping should hold: the API's groups (key as text, '' for none) and the measure's amounts. */
  function expectedRows(answer: Summary, grouping: string, measure: keyof Sums): ShownRow[] {
    return answer.groups.map((group) => ({ group: group[grouping] === null ? '' : String(group[grouping]), projects: group.projects, amount: String(group[measure]) }));
  }
  const byGroup = (rows: ShownRow[]) => [...rows].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));

  it('shows the totals of the funding summary, and says ready once the map, every chart’s table and the charts in view are drawn', async () => {
    const page = await portal.page();
    await page.goto('/');
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    const api = await summary('groupBy=status');
    const { projects, budget, committed, disbursed, spent, deliveryRate } = api.total;
    expect(await totalsShown(page)).toEqual({ projects, budget, committed, disbursed, spent, deliveryRate });
    // Five bar charts, each an image with a summary that names the API's total, and the map.
    const charts = (await page.evaluate(`[...document.querySelectorAll('canvas[role="img"]')].map((canvas) => canvas.getAttribute('aria-label'))`)) as string[];
    expect(charts).toHaveLength(5);
    const budgetText = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(Number(budget));
    for (const label of charts) expect(label).toContain(budgetText);
    expect(await page.locator('.world-map svg[role="img"]').getAttribute('aria-label')).toMatch(/world map/i);
    // Every chart's table is there at ready; a chart is drawn once scrolled into view, with the current figures.
    for (const grouping of ['region', 'type', 'year', 'line', 'status']) {
      expect((await tableShown(page, grouping)).length).toBeGreaterThan(0);
      const chart = page.locator(`[data-grouping="${grouping}"] .bar-chart`);
      await chart.scrollIntoViewIfNeeded();
      await page.locator(`[data-grouping="${grouping}"] .bar-chart[data-drawn="current"]`).waitFor({ timeout: 10_000 });
    }
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('changes the totals to the API’s when a filter takes two values, and keeps them in the address', async () => {
    const page = await portal.page();
    await page.goto('/');
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    // Two statuses that the visitor's portfolio has, as the API lists them.
    const statuses = (await summary('groupBy=status')).groups.map((group) => String(group.status));
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    const [first, second] = statuses as [string, string];
    await page.locator('summary', { hasText: 'Status' }).click();
    await page.locator(`input[type="checkbox"][name="status"][value="${first}"]`).check();
    await page.locator(`input[type="checkbox"][name="status"][value="${second}"]`).check();
    await page.waitForURL((url) => url.searchParams.get('status') === `${first},${second}`);

    const filtered = await summary(`groupBy=region&status=${first},${second}`);
    const { projects, budget, committed, disbursed, spent, deliveryRate } = filtered.total;
    expect(await readUntil(() => totalsShown(page), { projects, budget, committed, disbursed, spent, deliveryRate })).toEqual({ projects, budget, committed, disbursed, spent, deliveryRate });
    expect(projects).toBeLessThan((await summary('groupBy=region')).total.projects);
    await page.locator('.overview[data-state="ready"]').waitFor();

    // The same selection after a reload, from the address alone.
    await page.reload();
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await totalsShown(page)).toEqual({ projects, budget, committed, disbursed, spent, deliveryRate });
    expect(await page.locator(`input[name="status"][value="${first}"]`).isChecked()).toBe(true);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('puts the API’s groups and amounts in the region chart’s table and the map’s table, for the measure chosen', async () => {
    const page = await portal.page();
    await page.goto('/');
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    const byRegion = await summary('groupBy=region');
    const byState = await summary('groupBy=state');
    expect(await tableShown(page, 'region')).toEqual(expectedRows(byRegion, 'region', 'budget'));
    expect(await totalRowShown(page, 'region')).toEqual({ projects: byRegion.total.projects, amount: byRegion.total.budget });
    // The map's table: every state group, `global` included (the map itself leaves it out).
    expect(byGroup(await tableShown(page, 'state'))).toEqual(byGroup(expectedRows(byState, 'state', 'budget')));

    // The measure switch: disbursed, in the address, in both tables.
    await page.getByLabel('Disbursed', { exact: true }).check();
    await page.waitForURL((url) => url.searchParams.get('measure') === 'disbursed');
    expect(await readUntil(() => tableShown(page, 'region'), expectedRows(byRegion, 'region', 'disbursed'))).toEqual(expectedRows(byRegion, 'region', 'disbursed'));
    expect(byGroup(await tableShown(page, 'state'))).toEqual(byGroup(expectedRows(byState, 'state', 'disbursed')));
    await page.locator('.overview[data-state="ready"]').waitFor();

    // The map: a shaded country for each state with money that the atlas draws, none for the others, its name and amount in its title.
    const shaded = (await page.evaluate(`[...document.querySelectorAll('.world-map path.funded')].map((path) => ({ state: path.getAttribute('data-state'), title: path.querySelector('title').textContent }))`)) as { state: string; title: string }[];
    const drawn = new Set((await page.evaluate(`[...document.querySelectorAll('.world-map path[data-state]')].map((path) => path.getAttribute('data-state'))`)) as string[]);
    const withMoney = byState.groups.filter((group) => group.state !== 'global' && Number(group.disbursed) > 0 && drawn.has(String(group.state)));
    expect(shaded.map((path) => path.state).sort()).toEqual(withMoney.map((group) => String(group.state)).sort());
    expect(shaded.length).toBeGreaterThan(0);
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const group of withMoney) {
      expect(shaded.find((path) => path.state === group.state)?.title).toBe(`${names.of(String(group.state))}: ${money.format(Number(group.disbursed))}`);
    }
    expect(await page.locator('.world-map path[data-state="global"]').count()).toBe(0);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('downloads the CSV of a grouping with the filters on screen, the rows of its table', async () => {
    const page = await portal.page();
    const region = (await summary('groupBy=region')).groups[0]!.region as string;
    await page.goto(`/?region=${region}`);
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await page.locator('[data-grouping="year"] a[download]').click();
    const file = await (await download).path();
    const { header, rows } = csvObjects((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    expect(header.slice(0, 3)).toEqual(['row', 'year', 'projects']);
    const groups = rows.filter((row) => row.row === 'group').map((row) => ({ group: row.year!, projects: Number(row.projects), amount: row.budget! }));
    expect(groups).toEqual(await tableShown(page, 'year'));
    expect(groups).toEqual(expectedRows(await summary(`groupBy=year&region=${region}`), 'year', 'budget'));
    await page.context().close();
  });

  it('tells a bad filter value in the address with the API’s own words', async () => {
    const page = await portal.page();
    await page.goto('/?status=finished');
    await page.locator('.overview[data-state="error"]').waitFor({ timeout: 30_000 });
    const response = await fetch(`${portal.baseUrl}/funding/summary?groupBy=region&status=finished`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { detail: string };
    expect(await page.getByRole('alert').textContent()).toContain(problem.detail);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical accessibility violation, drawn and with a filter menu open', async () => {
    const page = await portal.page();
    await page.goto('/');
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(describeViolations(await seriousViolations(page))).toBe('');
    await page.locator('summary', { hasText: 'Beneficiary state' }).click();
    await page.locator('input[name="state"]').first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toBe('');
    expect(await readyState(page)).toBe('ready');
    await page.context().close();
  });

  it('says in the reader’s language when the map and the charts cannot be loaded, and is ready with their tables', async () => {
    const page = await portal.page({ locale: 'fr' });
    // Chart.js (its two chunks) and the map's outlines never arrive, as on a network that drops them.
    const refused: string[] = [];
    await page.route(/\/assets\/(chart[^/]*\.js|world-outlines[^/]*\.json)$/, async (route) => {
      refused.push(new URL(route.request().url()).pathname);
      await route.abort('connectionfailed');
    });
    await page.goto('/');
    // Ready, not "updating" for ever: every part shows its figures, in its table.
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect((await page.locator('.overview .updating').textContent())!.trim()).toBe('');
    await page.locator('[data-grouping="state"] [role="alert"]', { hasText: 'La carte n’a pas pu être dessinée' }).waitFor();
    expect(await page.locator('[data-grouping="state"] .world-map').count()).toBe(0);
    expect((await tableShown(page, 'state')).length).toBeGreaterThan(0);
    for (const grouping of ['region', 'type', 'year', 'line', 'status']) {
      await page.locator(`[data-grouping="${grouping}"] .bar-chart`).scrollIntoViewIfNeeded();
      const said = page.locator(`[data-grouping="${grouping}"] .bar-chart [role="alert"]`);
      await said.waitFor();
      expect(await said.textContent()).toMatch(/^Le graphique n’a pas pu être dessiné \(.+\)\. Ses chiffres sont dans le tableau à côté/);
      expect((await tableShown(page, grouping)).length).toBeGreaterThan(0);
    }
    expect(refused.some((path) => path.includes('world-outlines'))).toBe(true);
    expect(refused.some((path) => path.includes('chart'))).toBe(true);
    expect(describeViolations(await seriousViolations(page))).toBe('');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
