/**
 * npm run screenshots -- [--out docs/screenshots] [--full-page] [--only overview,project]
 *
 * Starts the compiled service on a fresh embedded store, loads the demo portfolio (40
 * projects, seed 1, as `npm run demo` does) through its API, opens the main pages in
 * Chromium at 1280×900 and writes one PNG per page to docs/screenshots/<page>.png, for the
 * README. Each page is taken once it has drawn its data, never on a timer alone. A page that
 * cannot be taken is reported and the others are still taken; the exit code says whether all were.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { runPlan } from '../../../apps/generator/src/plan-runner.js';
import { planPortfolio } from '../../../apps/generator/src/portfolio-plan.js';
import { mintTokens } from '../../../apps/generator/src/tokens.js';
import { ServiceUnderTest } from '../service.js';
import { waitForViews } from '../workload.js';
import { launchChromium, OVERVIEW_READY } from './chromium.js';

const USAGE = `usage: npm run screenshots -- [options]
  --out DIR        where the PNGs go (default docs/screenshots)
  --full-page      the whole page, not the first 1280×900
  --only LIST      comma-separated page names, from: ${'{pages}'}`;

const VIEWPORT = { width: 1280, height: 900 } as const;
const DEMO = { projects: 40, seed: 1 } as const;
/** The README's donor (docs: "A donor organisation's own view"). */
const DONOR_SUBJECT = 'nora';

interface Shot {
  /** The PNG's name: docs/screenshots/<name>.png */
  name: string;
  path: string;
  /** What shows the page has drawn its data: every one of these is on the page. */
  ready: string[];
  /** A page only a signed-in reader sees: opened through a sign-in link. */
  signedIn?: boolean;
  /** A workbench page: opened signed in as this member of the demo's staff. */
  staff?: { subject: string; roles: string[] };
  /** What is done on the page, once drawn, before the shot (a form filled in). */
  prepare?: (page: Page) => Promise<void>;
  /** A button pressed once the page opens, before waiting for `ready` (what it shows comes after). */
  press?: string;
  /** The whole page, whatever --full-page says: what it shows is below the first 900 pixels. */
  fullPage?: boolean;
}

/** The demo's fund manager for Asia and Oceania, and one of its approvers (apps/generator/src/actors.ts). */
const FUND_MANAGER = { subject: 'fatima', roles: ['fund-manager'] };
const APPROVER = { subject: 'arturo', roles: ['approver'] };
const AUDITOR = { subject: 'aurelia', roles: ['auditor'] };

const root = fileURLToPath(new URL('../../../..', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { out: { type: 'string' }, 'full-page': { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const names = ['overview', 'projects', 'project', 'project-arabic', 'envelopes', 'contributions', 'sign-in', 'my-contributions', 'workbench', 'proposal-form', 'workbench-project', 'approval-queue', ...EXPLORER_SHOTS, 'verification'];
  if (values.help) {
    process.stdout.write(`${USAGE.replace('{pages}', names.join(', '))}\n`);
    return;
  }
  const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`unknown page(s) ${unknown.join(', ')}; choose from ${names.join(', ')}`);
  const outDir = resolve(values.out ?? join(root, 'docs', 'screenshots'));
  await mkdir(outDir, { recursive: true });

  say('starting the service on a fresh embedded store…');
  const service = await ServiceUnderTest.start({ profile: 'embedded', root, env: { RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_SUBJECT: '0' } });
  let browser: Browser | undefined;
  const failed: string[] = [];
  try {
    const tokens = await mintTokens(new TextEncoder().encode(service.jwtSecret));
    say(`loading the demo portfolio (${DEMO.projects} projects, seed ${DEMO.seed})…`);
    const result = await runPlan(planPortfolio({ seed: DEMO.seed, projects: DEMO.projects }), { baseUrl: service.baseUrl, tokens, concurrency: 4 });
    if (result.failures.length > 0) throw new Error(`the demo plan was refused: ${JSON.stringify(result.failures.slice(0, 3))}`);
    await waitForViews({ baseUrl: service.baseUrl, tokens, today: '', seed: DEMO.seed, log: () => undefined }, result.lastPosition);

    const projectId = await projectInTwoScripts(service.baseUrl);
    const running = await runningProjectOf(service.baseUrl, tokens.fatima, FUND_MANAGER.subject);
    // Two signed checkpoints, so the verification page has anchors to check.
    for (let checkpoint = 0; checkpoint < 2; checkpoint += 1) {
      const signed = await fetch(`${service.baseUrl}/verification/anchors`, { method: 'POST', headers: { authorization: `Bearer ${tokens.ada}` } });
      if (signed.status !== 201) throw new Error(`no checkpoint signed: ${signed.status} ${await signed.text()}`);
    }
    const shots: Shot[] = [
      { name: 'overview', path: '/', ready: [OVERVIEW_READY] },
      { name: 'projects', path: '/portal/projects', ready: ['main a[href^="/portal/projects/"]'] },
      { name: 'project', path: `/portal/projects/${projectId}?text=en`, ready: ['main h1[lang="en"]', 'main dd[data-field="budget"]', 'main canvas'] },
      { name: 'project-arabic', path: `/portal/projects/${projectId}?text=ar`, ready: ['main h1[lang="ar"][dir="rtl"]', 'main canvas'] },
      { name: 'envelopes', path: '/portal/envelopes', ready: ['main tfoot'] },
      { name: 'contributions', path: '/portal/contributions', ready: ['main tfoot'] },
      { name: 'sign-in', path: '/sign-in', ready: ['main h1'] },
      { name: 'my-contributions', path: '/portal/my-contributions', ready: ['main table'], signedIn: true },
      { name: 'workbench', path: '/workbench', ready: ['main table.workbench-table tbody tr'], staff: FUND_MANAGER },
      { name: 'proposal-form', path: '/workbench/projects/new', ready: ['main form #f-budget-staffAndOfficeCosts'], staff: FUND_MANAGER, prepare: fillProposal },
      { name: 'workbench-project', path: `/workbench/projects/${running}`, ready: ['main .commands .command-group button', 'main [data-fact="status"]'], staff: FUND_MANAGER },
      { name: 'approval-queue', path: '/workbench/approvals', ready: ['main li.queue-item', 'main .queue-pager'], staff: APPROVER },
      ...(await explorerShots(service.baseUrl, tokens.aurelia)),
      { name: 'verification', path: '/explorer/verification', ready: ['[data-testid="store-verdict"]', '[data-testid="anchors-verdict"]'], staff: AUDITOR, press: 'Verify the whole store', fullPage: true },
    ].filter((shot) => !only || only.includes(shot.name));

    browser = await launchChromium();
    for (const shot of shots) {
      const file = join(outDir, `${shot.name}.png`);
      try {
        const context = await browser.newContext({ baseURL: service.baseUrl, locale: 'en-GB', viewport: VIEWPORT });
        const page = await context.newPage();
        if (shot.signedIn) await signInAsDonor(page, service, shot.path);
        else if (shot.staff) await signInAsStaff(page, service, shot.staff, shot.path);
        else await page.goto(shot.path);
        if (shot.press) await page.getByRole('button', { name: shot.press }).click();
        await drawn(page, shot.ready);
        await shot.prepare?.(page);
        await page.screenshot({ path: file, fullPage: values['full-page'] === true || shot.fullPage === true });
        await context.close();
        say(`${shot.name}: ${file}`);
      } catch (error) {
        failed.push(shot.name);
        say(`${shot.name}: NOT TAKEN — ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await service.stop();
  }
  if (failed.length > 0) {
    say(`${failed.length} page(s) not taken: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

/** A public project whose texts are in English and Arabic and whose money has moved: the project page's two shots. */
async function projectInTwoScripts(baseUrl: string): Promise<string> {
  const reply = await fetch(`${baseUrl}/portfolio?limit=200&sort=projectId`);
  const { items } = (await reply.json()) as { items: { projectId: string; title: Record<string, string>; transactionsPublic: unknown[] }[] };
  const project = items.find((item) => item.title.en && item.title.ar && item.transactionsPublic.length > 1);
  if (!project) throw new Error('the demo portfolio has no public project in English and Arabic with transactions');
  return project.projectId;
}

/**
 * Opens `next` signed in as a donor organisation, as a person would: a sign-in link printed by
 * `npm run sign-in-link` (the embedded default's way to sign in), opened in the browser.
 */
async function signInAsDonor(page: Page, service: ServiceUnderTest, next: string): Promise<void> {
  const contributions = (await (await fetch(`${service.baseUrl}/funding/contributions`)).json()) as { donors: { donor: string; received: string }[] };
  const donor = contributions.donors.find((entry) => Number(entry.received) > 0)?.donor;
  if (!donor) throw new Error('the demo portfolio has no donor that gave money');
  await signInWithLink(page, service, next, [DONOR_SUBJECT, 'donor', '--organisation', donor]);
}

/** The auditor's explorer (issue 21): its home at an instant, the trail, a project's history and its replay, the project list at the instant. */
const EXPLORER_SHOTS = ['explorer', 'explorer-trail', 'explorer-history', 'explorer-replay', 'explorer-as-of'];

async function explorerShots(baseUrl: string, auditorToken: string): Promise<Shot[]> {
  const projectId = 'PO.0001';
  const reply = await fetch(`${baseUrl}/projects/${projectId}/events?limit=500`, { headers: { authorization: `Bearer ${auditorToken}` } });
  const { events } = (await reply.json()) as { events: { recordedAt: string; revision: number; type: string }[] };
  const middle = events[Math.floor(events.length / 2)];
  const disbursed = events.find((event) => event.type === 'DisbursementRecorded') ?? middle;
  if (!middle || !disbursed) throw new Error(`${projectId} has no events`);
  const asOf = encodeURIComponent(middle.recordedAt);
  return [
    { name: 'explorer', path: `/explorer?asOf=${asOf}`, ready: ['main .export-links', '.as-of-banner'], staff: AUDITOR },
    { name: 'explorer-trail', path: '/explorer/audit-trail?type=ProjectApproved,FundsReserved', ready: ['main li.audit-entry'], staff: AUDITOR },
    { name: 'explorer-history', path: `/explorer/history/project/${projectId}?type=ProjectApproved,DisbursementRecorded`, ready: ['main li.audit-entry a.envelope-movement'], staff: AUDITOR },
    { name: 'explorer-replay', path: `/explorer/projects/${projectId}/replay?revision=${disbursed.revision}`, ready: ['main .replay-card[aria-busy="false"] tr.changed'], staff: AUDITOR },
    { name: 'explorer-as-of', path: `/portal/projects?asOf=${asOf}`, ready: ['main a[href^="/portal/projects/"]', '.as-of-banner'], staff: AUDITOR },
  ];
}

/** An active project of the fund manager's, with money moved: the workbench's project page shows its commands. */
async function runningProjectOf(baseUrl: string, token: string, subject: string): Promise<string> {
  const reply = await fetch(`${baseUrl}/portfolio?limit=200&sort=projectId&status=active`, { headers: { authorization: `Bearer ${token}` } });
  const { items } = (await reply.json()) as { items: { projectId: string; internal?: { draftedBy?: string } }[] };
  const project = items.find((item) => item.internal?.draftedBy === subject);
  if (!project) throw new Error(`the demo portfolio has no active project drafted by ${subject}`);
  return project.projectId;
}

/** Opens `next` signed in as a member of the fund's staff. */
async function signInAsStaff(page: Page, service: ServiceUnderTest, staff: { subject: string; roles: string[] }, next: string): Promise<void> {
  await signInWithLink(page, service, next, [staff.subject, ...staff.roles]);
}

/** Opens `next` signed in as `who` (the arguments of `npm run sign-in-link`), with the link it prints. */
async function signInWithLink(page: Page, service: ServiceUnderTest, next: string, who: readonly string[]): Promise<void> {
  const cli = join(root, 'dist', 'apps', 'api', 'src', 'sign-in-link.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: the sign-in link command is not in this build`);
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...who, '--next', next], {
    cwd: root,
    env: { ...process.env, DATA_DIR: service.dataLocation, JWT_SECRET: service.jwtSecret, PUBLIC_URL: service.baseUrl },
  });
  const link = stdout.trim().split('\n').pop() ?? '';
  if (!link.startsWith('http')) throw new Error(`the sign-in link command printed no link: ${stdout}`);
  await page.goto(link);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === next || url.pathname === next.split('?')[0]);
}

/** A proposal half written, its staff costs at 31 %: the form shows the rule before anything is sent. */
async function fillProposal(page: Page): Promise<void> {
  // The code lists' options are in closed selects (never "visible"): wait until they are there.
  for (const list of ['#f-thematicArea', '#f-region']) await page.locator(`${list} option`).nth(1).waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('#f-projectId').fill('PO.0412');
  await page.locator('#f-primaId').fill('KG10P0412');
  await page.locator('#f-title-en').fill('Labour migration statistics in Kyrgyzstan');
  await page.locator('#f-description-en').fill('Training the statistics office in labour-migration surveys.');
  await page.locator('#f-thematicArea').selectOption({ index: 1 });
  await page.locator('#f-region').selectOption('asia-and-oceania');
  await page.locator('#add-state').selectOption('KG');
  await page.locator('#add-state ~ button').click();
  await page.locator('#f-budget-staffAndOfficeCosts').fill('18600.00');
  await page.locator('#f-budget-operationalCosts').fill('41400.00');
  await page.locator('#f-budget-staffAndOfficeCosts').scrollIntoViewIfNeeded();
}

/** The page has drawn its data: its ready mark, then no request in flight and the fonts loaded. */
async function drawn(page: Page, ready: readonly string[]): Promise<void> {
  for (const selector of ready) {
    await page
      .locator(selector)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => {
        throw new Error(`${page.url()} did not show ${selector} within 30 s`);
      });
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(fontsReady);
}

function fontsReady(): Promise<unknown> {
  // Compiled without the DOM's types; in the page this is document.fonts.ready.
  return (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
}

function say(message: string): void {
  process.stderr.write(`[screenshots] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
