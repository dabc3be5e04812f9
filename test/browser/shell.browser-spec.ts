import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';

/**
 * The web application's shell: served by the API process at /, deep links survive a
 * reload, the API keeps its own paths, the interface follows the browser's language and
 * can be switched, and the page's policy lets nothing load from elsewhere.
 */
describe('the web application (browser)', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await Portal.start({ demo: false });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('opens at / in the browser\'s language, switches language, and keeps a deep link through a reload', async () => {
    const page = await portal.page({ locale: 'fr-FR' });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Principale' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByLabel('Langue').selectOption('es');
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Proyectos', exact: true }).click();
    await page.waitForURL('**/portal/projects');
    await page.reload();
    await page.getByRole('navigation', { name: 'Principal' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/projects');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('leaves the API its paths: JSON problems, not the page, whatever the browser asks for', async () => {
    const page = await portal.page();
    const reply = await page.goto('/portfolio/PO.9999');
    expect(reply?.headers()['content-type']).toContain('application/problem+json');
    const missing = await page.goto('/assets/no-such-file.js');
    expect(missing?.status()).toBe(404);
    await page.context().close();
  });

  it('serves pages under a policy that loads scripts, styles and data from this origin only', async () => {
    const reply = await fetch(`${portal.baseUrl}/portal/projects`);
    const policy = reply.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('cache-control')).toBe('no-cache');
  });

  it('has no serious or critical accessibility violation on the shell, and the skip link reaches the content by keyboard', async () => {
    const page = await portal.page();
    await page.goto('/portal/envelopes');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const violations = await seriousViolations(page);
    expect(describeViolations(violations)).toBe('');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent');
    expect(focused).toBe('Skip to content');
    await page.context().close();
  });
});
