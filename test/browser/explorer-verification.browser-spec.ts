import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { keyId } from '#ledger';
import { generateAnchorKey, readPublicKey } from '#runtime';
import { PgClient } from '#sql';
import { TamperedStore } from '../../libs/ledger/src/verification/testing/tampered-store.js';
import { createTemporaryDatabase, type TemporaryDatabase } from '../../libs/sql/src/testing/postgres-database.js';
import { nationalProposal } from '../support/fixtures.js';
import { endorsed, type Cast } from '../support/journeys.js';
import type { Client } from '../support/test-app.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { Portal, pageErrors } from './support/portal.js';
import { signIn } from './support/sign-in.js';

/**
 * The explorer's verification page against the real service on the postgres profile, where
 * the test tampers with the store by SQL as the table's owner would (TamperedStore): the
 * page must show an intact store intact, then every break the API finds, each naming the
 * right checkpoint; and the anchors' signatures checked in Chromium's WebCrypto, a forged
 * one refused, with the service's key or one the auditor holds.
 */
describe("the auditor's verification page (browser)", () => {
  let database: TemporaryDatabase;
  let keys: string;
  let portal: Portal;
  let cast: Cast & { auditor: Client };
  let sql: PgClient;
  /** Checkpoint file names: c1 before the disbursement the test rewrites, c2 after it. */
  const signed: { c1?: string; c2?: string } = {};
  const ids = { a: '', b: '' };
  const year = new Date().getUTCFullYear();
  const today = new Date().toISOString().slice(0, 10);
  const VERIFICATION = '/explorer/verification';

  async function started(projectId: string): Promise<void> {
    expect((await cast.approver.post(`/projects/${projectId}/approve`)).status).toBe(200);
    expect((await cast.fundManager.post(`/projects/${projectId}/focal-point`, { name: 'Aibek Osmonov', organisation: 'State Migration Service' })).status).toBe(200);
    const start = await cast.fundManager.post(`/projects/${projectId}/start`);
    expect([start.status, start.body.code]).toEqual([200, undefined]);
  }

  async function disburse(projectId: string, amount: string): Promise<void> {
    const reply = await cast.fundManager.post(`/projects/${projectId}/disbursements`, { amount, valueDate: today });
    expect([reply.status, reply.body.code]).toEqual([200, undefined]);
  }

  async function signCheckpoint(): Promise<string> {
    const reply = await cast.admin.post('/verification/anchors');
    expect(reply.status).toBe(201);
    return reply.body.checkpoint.name as string;
  }

  beforeAll(async () => {
    database = await createTemporaryDatabase();
    keys = await mkdtemp(join(tmpdir(), 'pl-browser-anchors-'));
    await generateAnchorKey(join(keys, 'anchor.pem'), join(keys, 'anchor.pub.pem'));
    portal = await Portal.start({
      demo: false,
      env: {
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        RUN_PROJECTOR: 'true',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
        ANCHOR_PRIVATE_KEY_FILE: join(keys, 'anchor.pem'),
        ANCHOR_DIR: join(keys, 'anchors'),
        ANCHOR_INTERVAL: '0',
      },
    });
    const as = portal.service.as.bind(portal.service);
    cast = { admin: await as('ada', 'admin'), fundManager: await as('fatima', 'fund-manager'), approver: await as('arturo', 'approver'), secondApprover: await as('bintou', 'approver'), auditor: await as('audrey', 'auditor') };
    sql = await PgClient.connect(database.url);

    // A small fund: two projects started, one disbursement, then checkpoint 1; a second
    // disbursement (the one the test rewrites), checkpoint 2; then two more commands.
    expect((await cast.admin.post('/envelopes', { year, fundingLine: 1, amount: '1000000.00' })).status).toBe(201);
    ids.a = await endorsed(cast, nationalProposal());
    ids.b = await endorsed(cast, nationalProposal());
    await started(ids.a);
    await started(ids.b);
    await disburse(ids.a, '10000.00');
    signed.c1 = await signCheckpoint();
    await disburse(ids.a, '20000.00');
    signed.c2 = await signCheckpoint();
    await disburse(ids.b, '5000.00');
    await disburse(ids.a, '1000.00');
  });

  afterAll(async () => {
    await sql?.close();
    await portal?.stop();
    await database?.drop();
    if (keys) await rm(keys, { recursive: true, force: true });
  });

  async function expectAccessible(page: Page): Promise<void> {
    expect(describeViolations(await seriousViolations(page))).toBe('');
  }

  /** What the API itself answers to GET /verification: the breaks and the summary. */
  async function apiVerification(): Promise<{ breaks: Record<string, any>[]; summary: Record<string, any> }> {
    const response = await fetch(`${portal.baseUrl}/verification`, { headers: { authorization: `Bearer ${await portal.service.token('audrey', 'auditor')}` } });
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    return { breaks: lines.filter((line) => 'break' in line).map((line) => line['break']), summary: lines.at(-1)!['summary'] };
  }

  async function runStoreVerification(page: Page): Promise<string> {
    await page.getByRole('button', { name: /^(Verify the whole store|Verify again)$/ }).click();
    const verdict = page.getByTestId('store-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    return (await verdict.textContent()) ?? '';
  }

  async function signatureVerdicts(page: Page): Promise<Record<string, string>> {
    await page.getByTestId('anchors-verdict').waitFor();
    const rows = page.locator('tr[data-anchor]');
    const verdicts: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      verdicts[(await row.getAttribute('data-anchor'))!] = (await row.locator('td[data-verdict]').getAttribute('data-verdict'))!;
    }
    return verdicts;
  }

  it('shows an intact store intact, with the API\'s figures, and both signatures verified in the browser', async () => {
    const page = await signIn(portal, VERIFICATION, 'audrey', 'auditor');
    await page.getByRole('heading', { level: 1, name: 'Verification' }).waitFor();

    // The answer as the service sends it, each line held back 600 ms: a store of this size is
    // read in one go, a large one line by line, and the page shows each line as it comes.
    await page.evaluate(`(() => {
      const fetched = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const response = await fetched(input, init);
        if (String(input) !== '/verification') return response;
        const lines = (await response.text()).split(/(?<=\\n)/);
        const body = new ReadableStream({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 600));
            const line = lines.shift();
            if (line === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(line));
          },
        });
        return new Response(body, { status: response.status, headers: response.headers });
      };
    })()`);
    const api = await apiVerification();
    await page.getByRole('button', { name: 'Verify the whole store' }).click();
    const progress = page.locator('#verification-progress-text');
    await progress.getByText(`Events read: position ${api.summary.upTo} of ${api.summary.upTo}.`).waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe(api.summary.upTo);
    await progress.getByText(/^Events read; stream heads compared: \d+\.$/).waitFor();
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    const text = (await page.getByTestId('store-verdict').textContent({ timeout: 30_000 }))!;
    expect(api.breaks).toEqual([]);
    expect(api.summary).toMatchObject({ intact: true, breaks: 0, checkpoints: { verified: 2 } });
    expect(text).toContain('Intact: no break found.');
    expect(text).toContain(`${api.summary.events} events in ${api.summary.streams} streams verified, up to position ${api.summary.upTo}.`);
    expect(text).toContain(`2 signed checkpoints compared; the latest is ${signed.c2}`);
    expect(await page.locator('.break').count()).toBe(0);

    // The signatures, checked by Chromium's WebCrypto with the key the service publishes.
    const published = keyId(await readPublicKey(join(keys, 'anchor.pub.pem')));
    expect(await signatureVerdicts(page)).toEqual({ [signed.c1!]: 'verified', [signed.c2!]: 'verified' });
    expect(await page.getByTestId('anchors-verdict').textContent()).toBe(`2 of 2 signatures verified in this browser with the key ${published}.`);

    // One project's chain, through the address a finding is shared with.
    await page.getByLabel('Project id').fill(ids.a);
    await page.getByRole('button', { name: 'Verify its chain' }).click();
    await page.waitForURL(`**${VERIFICATION}?project=${ids.a}`);
    expect(await page.getByTestId('project-verdict').textContent()).toContain(`The chain of ${ids.a} is intact:`);

    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the tampered store broken: the rewritten disbursement against checkpoint 2 only, the removed event, the forged anchor', async () => {
    // A forged checkpoint beside the real ones: checkpoint 2 with a count of events changed.
    const genuine = JSON.parse(await readFile(join(keys, 'anchors', signed.c2!), 'utf8')) as Record<string, unknown>;
    const forged = signed.c2!.replace(/-\d{8}T\d{9}Z\.json$/, '-20200101T000000000Z.json');
    await writeFile(join(keys, 'anchors', forged), JSON.stringify({ ...genuine, events: String(Number(genuine['events']) + 1) }, null, 2));

    // The second disbursement of A changed and its chain re-hashed, head and all: every hash
    // in the database agrees. And B's last event (its disbursement) deleted, its head left.
    const fund = new TamperedStore(sql);
    const [rewritten] = await sql.query<{ revision: number; data: Record<string, unknown> }>(
      `SELECT stream_revision AS revision, data FROM events WHERE stream_id = $1 AND event_type = 'DisbursementRecorded' ORDER BY stream_revision LIMIT 1 OFFSET 1`,
      [`project-${ids.a}`],
    );
    expect(rewritten).toBeDefined();
    await fund.rewriteAndRehash(`project-${ids.a}`, rewritten!.revision, { ...rewritten!.data, amount: 200_000 });
    const [last] = await sql.query<{ revision: number }>(`SELECT max(stream_revision) AS revision FROM events WHERE stream_id = $1`, [`project-${ids.b}`]);
    const removedAt = await fund.position(`project-${ids.b}`, last!.revision);
    await fund.asOwner(`DELETE FROM events WHERE stream_id = 'project-${ids.b}' AND stream_revision = ${last!.revision}`);

    const page = await signIn(portal, VERIFICATION, 'audrey', 'auditor');
    const text = await runStoreVerification(page);
    const api = await apiVerification();
    expect(api.breaks.map((found) => found.kind).sort()).toEqual(['checkpoint-contradicted', 'checkpoint-unverifiable', 'head-mismatch', 'position-gap']);
    expect(text).toContain('Broken: 4 breaks found.');

    const breaks = page.locator('.break');
    expect(await breaks.count()).toBe(api.breaks.length);
    const contradicted = page.locator('.break[data-kind="checkpoint-contradicted"]');
    expect(await contradicted.count()).toBe(1);
    const explained = (await contradicted.textContent())!;
    expect(explained).toContain(`The store contradicts checkpoint ${signed.c2}`);
    expect(explained).toContain('the heads of the project streams are not what it signed');
    expect(explained).not.toContain(signed.c1!);
    const c2 = api.breaks.find((found) => found.kind === 'checkpoint-contradicted')!;
    expect(c2.checkpoint.name).toBe(signed.c2);
    expect(explained).toContain(`over positions up to ${c2.checkpoint.upTo}`);
    expect((await page.locator('.break[data-kind="position-gap"]').textContent())!).toContain(`Position ${removedAt} is missing`);
    expect((await page.locator('.break[data-kind="head-mismatch"]').textContent())!).toContain(
      `Stream project-${ids.b} records revision ${last!.revision} as its head, but its last event is revision ${last!.revision - 1}`,
    );
    expect((await page.locator('.break[data-kind="checkpoint-unverifiable"]').textContent())!).toContain(`Checkpoint file ${forged} cannot be trusted`);

    // Its chain alone cannot tell: A's re-hashed chain is intact (reached from nowhere but the box).
    await page.getByLabel('Project id').fill(ids.a);
    await page.getByRole('button', { name: 'Verify its chain' }).click();
    await page.getByTestId('project-verdict').waitFor();
    expect(await page.getByTestId('project-verdict').textContent()).toContain(`The chain of ${ids.a} is intact:`);
    // …and B's link from its break opens B's chain.
    await page.getByRole('button', { name: `Verify the chain of ${ids.b}` }).click();
    await page.waitForURL(`**${VERIFICATION}?project=${ids.b}`);
    await page.getByTestId('project-verdict').getByText(ids.b).waitFor();

    // The anchors in the browser: the forged one refused, the genuine ones verified.
    expect(await signatureVerdicts(page)).toEqual({ [signed.c1!]: 'verified', [signed.c2!]: 'verified', [forged]: 'not-verified' });
    const published = keyId(await readPublicKey(join(keys, 'anchor.pub.pem')));
    expect(await page.getByTestId('anchors-verdict').textContent()).toBe(`2 of 3 signatures verified in this browser with the key ${published}.`);
    await expectAccessible(page);

    // A key the auditor holds: the same public key from a file gives the same verdicts…
    await page.getByLabel('a public key I hold (received apart from this service)').check();
    await page.getByLabel('or a key file').setInputFiles(join(keys, 'anchor.pub.pem'));
    await page.getByTestId('anchors-verdict').getByText(published).waitFor();
    expect(await signatureVerdicts(page)).toEqual({ [signed.c1!]: 'verified', [signed.c2!]: 'verified', [forged]: 'not-verified' });
    // …and another key verifies none of them.
    const other = generateKeyPairSync('ed25519').publicKey;
    await page.getByLabel('Public key (PEM, "-----BEGIN PUBLIC KEY-----")').fill(other.export({ type: 'spki', format: 'pem' }).toString());
    await page.getByRole('button', { name: 'Check with this key' }).click();
    await page.getByTestId('anchors-verdict').getByText(keyId(other)).waitFor();
    expect(await signatureVerdicts(page)).toEqual({ [signed.c1!]: 'not-verified', [signed.c2!]: 'not-verified', [forged]: 'not-verified' });
    expect(await page.getByTestId('anchors-verdict').textContent()).toBe(`0 of 3 signatures verified in this browser with the key ${keyId(other)}.`);
    // A private key pasted by mistake is refused, and said so.
    await page.getByLabel('Public key (PEM, "-----BEGIN PUBLIC KEY-----")').fill(await readFile(join(keys, 'anchor.pem'), 'utf8'));
    await page.getByRole('button', { name: 'Check with this key' }).click();
    await page.getByRole('alert').getByText('That is a private key').waitFor();

    await expectAccessible(page);
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('tells anyone but auditors and admins that verification is theirs', async () => {
    const page = await signIn(portal, VERIFICATION, 'fatima', 'fund-manager');
    await page.getByText("Verification is for the fund's auditors and admins.").waitFor();
    expect(await page.getByRole('button', { name: 'Verify the whole store' }).count()).toBe(0);
    await page.context().close();
  });
});
