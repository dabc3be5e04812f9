import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { csvObjects } from '../support/csv.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors, readUntil } from './support/portal.js';

interface PortfolioPage {
  items: { projectId: string; budget: string; title: Record<string, string> }[];
  nextCursor: string | null;
}

const idsShown = (page: Page) => page.evaluate(`[...document.querySelectorAll('.project-list tbody a.project-id')].map((link) => link.textContent)`) as Promise<string[]>;
const focused = (page: Page) =>
  page.evaluate(`(() => { const element = document.activeElement; return { tag: element?.tagName, type: element?.getAttribute('type'), className: element?.className ?? '', text: element?.textContent ?? '' }; })()`) as Promise<{
    tag: string;
    type: string | null;
    className: string;
    text: string;
  }>;

/**
 * The project list at /portal/projects, as a visitor sees it, against GET /portfolio for the
 * same query: filters, searches in Arabic and Georgian, sort, cursor pages through a
 * reload, the CSV download, accessibility and the keyboard.
 */
describe('the project list (browser)', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await Portal.start();
  });

  afterAll(async () => {
    await portal?.stop();
  });

  /** The API's page for a visitor, once the views hold the whole demo. */
  async function portfolio(query: Record<string, string>): Promise<PortfolioPage> {
    const search = new URLSearchParams({ ...query, minPosition: portal.demoPosition ?? '' });
    const response = await fetch(`${portal.baseUrl}/portfolio?${search}`);
    expect(response.status).toBe(200);
    return (await response.json()) as PortfolioPage;
  }
  const ids = (page: PortfolioPage) => page.items.map((item) => item.projectId);

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.locator('.project-list[data-state="ready"]').waitFor({ timeout: 30_000 });
  }

  it('filters by region with the shared filters, showing exactly the API’s projects', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects');
    expect(await idsShown(page)).toEqual(ids(await portfolio({ limit: '25' })));
    await page.locator('summary', { hasText: 'Region' }).click();
    // The choices are the regions the visitor's projects have, as the funding summary groups them.
    const regions = ((await (await fetch(`${portal.baseUrl}/funding/summary?groupBy=region&minPosition=${portal.demoPosition}`)).json()) as { groups: { region: string | null }[] }).groups
      .map((group) => group.region)
      .filter((region) => region !== null)
      .sort();
    const choicesShown = () => page.evaluate(`[...document.querySelectorAll('input[name="region"]')].map((box) => box.value).sort()`);
    expect(await readUntil(choicesShown, regions)).toEqual(regions);
    await page.getByRole('checkbox', { name: 'Africa' }).check();
    await page.getByRole('checkbox', { name: 'Europe' }).check();
    await page.waitForURL((url) => url.searchParams.get('region') === 'africa,europe');
    const expected = ids(await portfolio({ region: 'africa,europe', limit: '25' }));
    expect(expected.length).toBeGreaterThan(0);
    expect(await readUntil(() => idsShown(page), expected)).toEqual(expected);
    expect(expected).not.toEqual(ids(await portfolio({ limit: '25' })));
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('finds projects by Arabic words typed with their vowel marks, and by Georgian words, as the API does', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects');
    // The demo's Arabic and Georgian titles (apps/generator/src/catalogue.ts); the Arabic one typed with harakat the titles do not have.
    for (const q of ['هِجْرَة عُمّالِيَّة', 'მიგრაციის']) {
      const expected = ids(await portfolio({ q, limit: '25' }));
      expect(expected.length).toBeGreaterThan(0);
      await page.getByLabel('Search projects').fill(q);
      await page.waitForURL((url) => url.searchParams.get('q') === q);
      expect(await readUntil(() => idsShown(page), expected)).toEqual(expected);
    }
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows each title in the reader’s language when the project has it, else English, marked with its language', async () => {
    const page = await portal.page({ locale: 'fr-FR' });
    await open(page, '/portal/projects?limit=50');
    const expected = (await portfolio({ limit: '50' })).items.map((item) => {
      const language = ['fr', 'en', ...Object.keys(item.title)].find((candidate) => item.title[candidate]);
      return { lang: language, text: item.title[language!] };
    });
    expect(expected.some((title) => title.lang === 'fr')).toBe(true);
    const shown = await page.evaluate(`[...document.querySelectorAll('.project-list tbody tr')].map((row) => { const title = row.querySelector('td [lang]'); return { lang: title.getAttribute('lang'), text: title.textContent }; })`);
    expect(shown).toEqual(expected);
    await page.context().close();
  });

  it('sorts by the API’s fields in either direction', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects');
    await page.getByLabel('Sort by').selectOption('budget');
    await page.getByLabel('Order').selectOption('desc');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'budget' && url.searchParams.get('direction') === 'desc');
    const expected = await portfolio({ sort: 'budget', direction: 'desc', limit: '25' });
    expect(await readUntil(() => idsShown(page), ids(expected))).toEqual(ids(expected));
    const budgets = (await page.evaluate(`[...document.querySelectorAll('.project-list tbody tr')].map((row) => row.querySelectorAll('[data-amount]')[0].getAttribute('data-amount'))`)) as string[];
    expect(budgets).toEqual(expected.items.map((item) => item.budget));
    await page.context().close();
  });

  it('goes to the next page and back by the API’s cursors, and a reload keeps the page and the way back', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects?limit=10');
    const first = await portfolio({ limit: '10' });
    const second = await portfolio({ limit: '10', cursor: first.nextCursor! });
    const third = await portfolio({ limit: '10', cursor: second.nextCursor! });
    expect(third.items.length).toBeGreaterThan(0);
    expect(await idsShown(page)).toEqual(ids(first));

    await page.getByRole('link', { name: 'Next page' }).focus();
    await page.keyboard.press('Enter');
    expect(await readUntil(() => idsShown(page), ids(second))).toEqual(ids(second));
    // The keyboard stays at the pager: the new page's mark has the focus, Next is one Tab away.
    expect(await readUntil(() => page.evaluate(`document.activeElement?.getAttribute('aria-current')`), 'page')).toBe('page');
    await page.getByRole('link', { name: 'Next page' }).click();
    expect(await readUntil(() => idsShown(page), ids(third))).toEqual(ids(third));
    expect(new URL(page.url()).searchParams.get('cursor')).toBe(second.nextCursor);

    await page.reload();
    await page.locator('.project-list[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await idsShown(page)).toEqual(ids(third));
    await page.getByRole('link', { name: 'Previous page' }).click();
    expect(await readUntil(() => idsShown(page), ids(second))).toEqual(ids(second));
    await page.getByRole('link', { name: 'Previous page' }).click();
    expect(await readUntil(() => idsShown(page), ids(first))).toEqual(ids(first));
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('downloads a CSV whose rows are the list’s rows, for the same filter, search and sort', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects?status=active,closed&sort=budget&direction=desc&limit=100');
    const expected = await portfolio({ status: 'active,closed', sort: 'budget', direction: 'desc', limit: '100' });
    expect(expected.nextCursor).toBeNull(); // the whole selection is on screen
    expect(await idsShown(page)).toEqual(ids(expected));
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Download CSV/ }).click();
    const file = await (await download).path();
    const { rows } = csvObjects((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    expect(rows.map((row) => row.projectId)).toEqual(await idsShown(page));
    expect(rows.map((row) => row.budget)).toEqual(expected.items.map((item) => item.budget));
    await page.context().close();
  });

  it('shows the API’s refusal of a sort it does not know, with its detail', async () => {
    const page = await portal.page();
    await page.goto('/portal/projects?sort=colour');
    await page.locator('.project-list[data-state="error"]').waitFor({ timeout: 30_000 });
    const refusal = (await (await fetch(`${portal.baseUrl}/portfolio?sort=colour`)).json()) as { detail: string };
    expect(await page.getByRole('alert').textContent()).toContain(refusal.detail);
    await page.context().close();
  });

  it('has no serious or critical accessibility violation', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects?region=africa');
    expect(describeViolations(await seriousViolations(page))).toBe('');
    await page.locator('summary', { hasText: 'Status' }).click();
    await page.locator('input[name="status"]').first().waitFor();
    expect(describeViolations(await seriousViolations(page))).toBe('');
    await page.context().close();
  });

  it('can be used by keyboard alone: Tab to the search, type, Tab to a project and open it with Enter', async () => {
    const page = await portal.page();
    await open(page, '/portal/projects');
    for (let presses = 0; presses < 30; presses += 1) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).type === 'search') break;
    }
    expect((await focused(page)).type).toBe('search');
    await page.keyboard.type('Morocco');
    const expected = ids(await portfolio({ q: 'Morocco', limit: '25' }));
    expect(expected.length).toBeGreaterThan(0);
    expect(await readUntil(() => idsShown(page), expected)).toEqual(expected);
    for (let presses = 0; presses < 40; presses += 1) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).className.includes('project-id')) break;
    }
    expect(await focused(page)).toMatchObject({ tag: 'A', text: expected[0] });
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/portal/projects/${expected[0]}`);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
