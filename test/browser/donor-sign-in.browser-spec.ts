import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../apps/api/src/auth/session/session-cookie.js';
import { BrowserIdentityProvider, LEDGER_SCOPE, ORGANISATION_CLAIM, ROLES_CLAIM, type ProviderAccount } from '../support/browser-identity-provider.js';
import { TEST_JWT_SECRET } from '../support/service-process.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';

/**
 * A donor organisation signs in and sees its own pledges, receipts and where its money went,
 * as the API computes them: with the link `npm run sign-in-link` prints, and with a real
 * OpenID Connect provider (authorization code with PKCE). Either way the token stays out of
 * the address, of scripts (HttpOnly cookie) and of the browser's storage, and signing out
 * ends the session. A fund manager signs in to the workbench through the same provider.
 */
const run = promisify(execFile);
const WEB_CLIENT_ID = 'portfolio-ledger-web';

interface MyContributions {
  organisation: string;
  contributions: { contributionId: string; pledged: string; received: string; outstanding: string; receipts: { receiptId: string; amount: string; receivedOn: string }[] }[];
  total: { pledged: string; received: string; outstanding: string };
  whereItWent: {
    year: number;
    fundingLine: number;
    received: string;
    envelopeReceipts: string;
    shareOfReceipts: string;
    projects: { projectId: string; committed: string; attributed: string }[];
    notYetCommitted: string;
  }[];
}

/**
 * What the page shows, read in the page: the totals, each table's rows as [row header (a
 * link's text when it has one), every machine-readable figure: <data value>, <time datetime>],
 * each envelope's heading and the figures of its summary.
 */
const SHOWN = `(() => {
  const figures = (node) => [...node.querySelectorAll('data, time')].map((figure) => figure.value ?? figure.dateTime);
  const header = (row) => { const th = row.querySelector('th'); return th ? (th.querySelector('a') ?? th).textContent.trim() : ''; };
  const main = document.querySelector('main');
  return {
    totals: figures(main.querySelector('dl.figures')),
    tables: [...main.querySelectorAll('table')].map((table) => [...table.querySelectorAll('tbody tr, tfoot tr')].map((row) => [header(row), ...figures(row)])),
    envelopes: [...main.querySelectorAll('.envelope-share')].map((section) => ({ heading: section.querySelector('h3').textContent, summary: figures(section.querySelector('p')) })),
  };
})()`;

/** The same, as the API's answer says it should be (English interface). */
function expectedFrom(mine: MyContributions) {
  const receipts = mine.contributions.flatMap((c) => c.receipts.map((r) => [r.receiptId, r.receivedOn, r.amount]));
  return {
    totals: [mine.total.pledged, mine.total.received, mine.total.outstanding],
    tables: [
      [...mine.contributions.map((c) => [c.contributionId, c.pledged, c.received, c.outstanding]), ['Total', mine.total.pledged, mine.total.received, mine.total.outstanding]],
      ...(receipts.length > 0 ? [receipts] : []),
      ...mine.whereItWent.map((envelope) => [
        ...envelope.projects.map((p) => [p.projectId, p.committed, p.attributed]),
        ['Not yet committed', envelope.notYetCommitted],
        ['What you gave', envelope.received],
      ]),
    ],
    envelopes: mine.whereItWent.map((envelope) => ({
      heading: expect.stringMatching(new RegExp(`^Envelope ${envelope.year}, funding line ${envelope.fundingLine}`)),
      summary: [envelope.received, envelope.envelopeReceipts, envelope.shareOfReceipts],
    })),
  };
}

describe('a donor signs in and sees its own contributions (browser)', () => {
  const accounts: Record<string, ProviderAccount> = {};
  let provider: BrowserIdentityProvider;
  let portal: Portal;
  let organisation: string;
  let mine: MyContributions;

  beforeAll(async () => {
    provider = await BrowserIdentityProvider.start(accounts);
    portal = await Portal.start({
      env: { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: WEB_CLIENT_ID, OIDC_SCOPE: `openid ${LEDGER_SCOPE}`, ROLES_CLAIM, ORGANISATION_CLAIM },
    });
    provider.allowWebClient(WEB_CLIENT_ID, `${portal.baseUrl}/sign-in/callback`);
    // A donor of the demo portfolio that has received money, so that some of it went somewhere.
    const fresh = `minPosition=${portal.demoPosition}`;
    const donors = (await (await portal.service.as('dora', 'donor')).get(`/funding/contributions?${fresh}`)).body.donors as { donor: string; received: string }[];
    organisation = donors.filter((d) => Number(d.received) > 0).sort((a, b) => Number(b.received) - Number(a.received))[0]!.donor;
    accounts['nora'] = { roles: ['donor'], organisation };
    mine = (await (await portal.service.donorOf('nora', organisation)).get(`/funding/my-contributions?${fresh}`)).body;
    expect(mine.whereItWent.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await portal?.stop();
    await provider?.stop();
  });

  /** The page shows the API's figures, the session cookie is out of scripts' reach, and no token is in the browser's storage. */
  async function expectSignedInPage(page: Page): Promise<void> {
    await page.getByRole('heading', { name: 'Where your money went' }).waitFor();
    expect(await page.evaluate(SHOWN)).toEqual(expectedFrom(mine));
    await page.getByText(`Signed in as ${organisation}`).waitFor();

    const session = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    expect(await page.evaluate('document.cookie')).not.toContain(SESSION_COOKIE);
    const stored = (await page.evaluate(
      'JSON.stringify([localStorage, sessionStorage].map((storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]))))',
    )) as string;
    expect(stored).not.toContain(session!.value);
    // No JWT of any kind (a provider's access or ID token): their headers all start so.
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  }

  /** Signing out ends the session: the cookie is gone and the page asks to sign in again. */
  async function expectSignOutWorks(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Sign in to see your organisation').waitFor();
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    await page.reload();
    await page.getByText('Sign in to see your organisation').waitFor();
    expect(await page.getByRole('heading', { name: 'Where your money went' }).count()).toBe(0);
  }

  it('signs in with the link the command prints, lands on its page without the ticket, and signs out', async () => {
    const printed = await run(process.execPath, ['dist/apps/api/src/sign-in-link.js', 'nora', 'donor', '--organisation', organisation, '--next', '/portal/my-contributions'], {
      env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: portal.dataDir, PUBLIC_URL: portal.baseUrl },
    });
    const link = printed.stdout.trim();
    expect(link.startsWith(`${portal.baseUrl}/auth/link?ticket=`)).toBe(true);

    const page = await portal.page();
    await page.goto(link);
    await page.waitForURL(`${portal.baseUrl}/portal/my-contributions`);
    expect(page.url()).not.toContain('ticket');
    await expectSignedInPage(page);
    expect(describeViolations(await seriousViolations(page))).toBe('');

    await expectSignOutWorks(page);

    // The link worked once: the sign-in page says why it does not work again.
    await page.goto(link);
    await page.waitForURL(`${portal.baseUrl}/sign-in?error=link-used`);
    await page.getByRole('alert').getByText('This sign-in link has been used already').waitFor();
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('signs in with the OpenID Connect provider (authorization code with PKCE), keeping no code or token in the browser', async () => {
    const page = await portal.page();
    await page.goto('/portal/my-contributions');
    await page.getByText('Sign in to see your organisation').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in?next=%2Fportal%2Fmy-contributions');
    const button = page.getByRole('button', { name: `Sign in with ${new URL(provider.issuer).host}` });
    await button.waitFor();
    expect(describeViolations(await seriousViolations(page))).toBe('');

    await button.click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.locator('input[name="login"]').fill('nora');
    await page.locator('input[name="password"]').fill('any password will do');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${portal.baseUrl}/portal/my-contributions`);
    expect(new URL(page.url()).search).toBe('');
    await expectSignedInPage(page);
    await expectSignOutWorks(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('signs a fund manager in to the workbench with the provider, with the roles of its token, and out again', async () => {
    accounts['farid'] = { roles: ['fund-manager'] };
    const page = await portal.page();
    await page.goto('/workbench');
    await page.getByText("The workbench is for the fund's staff.").waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in?next=%2Fworkbench');
    await page.getByRole('button', { name: `Sign in with ${new URL(provider.issuer).host}` }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.locator('input[name="login"]').fill('farid');
    await page.locator('input[name="password"]').fill('any password will do');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${portal.baseUrl}/workbench`);
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('heading', { name: 'Workbench', level: 1 }).waitFor();
    // What a fund manager may do, from the provider's roles claim: propose.
    await page.getByRole('link', { name: 'New proposal' }).waitFor();
    expect(await page.evaluate(`fetch('/auth/session').then((reply) => reply.json())`)).toMatchObject({ signedIn: true, subject: 'farid', roles: ['fund-manager'] });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText("The workbench is for the fund's staff.").waitFor();
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('says in words why a sign-in failed', async () => {
    const page = await portal.page({ locale: 'fr-FR' });
    await page.goto('/sign-in?error=link-expired');
    await page.getByRole('alert').getByText('Ce lien de connexion a expiré').waitFor();
    expect(describeViolations(await seriousViolations(page))).toBe('');
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });
});
