import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { checkpointSignedBy, keyId } from '#ledger';
import { generateAnchorKey } from '#runtime';
import { TestApp } from './support/test-app.js';

/** Issue 18 through HTTP: the whole store verified (streamed), checkpoints signed on demand. */

jest.setTimeout(120_000);

let app: TestApp;
let keys: string;

beforeAll(async () => {
  keys = await mkdtemp(join(tmpdir(), 'ledger-anchors-'));
  await generateAnchorKey(join(keys, 'anchor.pem'), join(keys, 'anchor.pub.pem'));
  app = await TestApp.start({ env: { ANCHOR_PRIVATE_KEY_FILE: join(keys, 'anchor.pem'), ANCHOR_DIR: join(keys, 'anchors'), ANCHOR_INTERVAL: '0' } });
});

afterAll(async () => {
  await app?.stop();
  await rm(keys, { recursive: true, force: true });
});

async function verificationLines(token: string): Promise<{ status: number; type: string | null; lines: Record<string, any>[] }> {
  const response = await fetch(`${app.baseUrl}/verification`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), lines: text.trim().split('\n').map((line) => JSON.parse(line)) };
}

it('signs a checkpoint for an admin, into ANCHOR_DIR, and refuses anyone else', async () => {
  const admin = await app.as('ada', 'admin');
  expect((await admin.post('/envelopes', { year: 2031, fundingLine: 1, amount: '1000.00' })).status).toBe(201);
  const signed = await admin.post('/verification/anchors');
  expect(signed.status).toBe(201);
  expect(signed.body).toMatchObject({ events: expect.any(String), checkpoint: { upTo: expect.any(String), name: expect.stringMatching(/^checkpoint-\d{20}-/) } });
  expect(await readdir(join(keys, 'anchors'))).toEqual([signed.body.checkpoint.name]);
  expect((await (await app.as('aud', 'auditor')).post('/verification/anchors')).status).toBe(403);
});

it('streams the verification of the whole store to an auditor: progress, then a summary', async () => {
  const { status, type, lines } = await verificationLines(await app.token('aud', 'auditor'));
  expect(status).toBe(200);
  expect(type).toMatch(/^application\/x-ndjson/);
  expect(lines.at(-1)).toEqual({
    summary: expect.objectContaining({ intact: true, breaks: 0, checkpoints: expect.objectContaining({ verified: 1 }) }),
  });
  expect(lines.some((line) => 'progress' in line)).toBe(true);
});

it('refuses the verification to a donor', async () => {
  const response = await fetch(`${app.baseUrl}/verification`, { headers: { authorization: `Bearer ${await app.token('don', 'donor')}` } });
  expect(response.status).toBe(403);
});

it('lists the checkpoints newest first, as written, and publishes the key that checks their signatures', async () => {
  const admin = await app.as('ada', 'admin');
  expect((await admin.post('/envelopes', { year: 2032, fundingLine: 1, amount: '2000.00' })).status).toBe(201);
  const newest = (await admin.post('/verification/anchors')).body.checkpoint.name as string;
  await writeFile(join(keys, 'anchors', 'checkpoint-00000000000000000001-20200101T000000000Z.json'), '{"format":');

  const auditor = await app.as('aud', 'auditor');
  const listed = await auditor.get('/verification/anchors');
  expect(listed.status).toBe(200);
  expect(listed.body.total).toBe(3);
  expect(listed.body.anchors.map((anchor: { name: string }) => anchor.name)).toEqual([newest, expect.stringMatching(/^checkpoint-/), 'checkpoint-00000000000000000001-20200101T000000000Z.json']);
  expect(listed.body.anchors[2]).toEqual({ name: 'checkpoint-00000000000000000001-20200101T000000000Z.json', unreadable: expect.stringMatching(/^not JSON/) });
  // The content is the file's, byte for byte what was signed.
  expect(listed.body.anchors[0].checkpoint).toEqual(JSON.parse(await readFile(join(keys, 'anchors', newest), 'utf8')));

  const response = await fetch(`${app.baseUrl}/verification/anchors/public-key`, { headers: { authorization: `Bearer ${await app.token('aud', 'auditor')}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-pem-file/);
  const pem = await response.text();
  expect(pem).toBe(await readFile(join(keys, 'anchor.pub.pem'), 'utf8'));
  const published = createPublicKey(pem);
  expect(listed.body.keyId).toBe(keyId(published));
  for (const anchor of listed.body.anchors.slice(0, 2)) expect(checkpointSignedBy(anchor.checkpoint, published)).toBe(true);

  expect((await auditor.get('/verification/anchors?limit=1')).body.anchors.map((anchor: { name: string }) => anchor.name)).toEqual([newest]);
  expect((await auditor.get('/verification/anchors?limit=0')).body).toMatchObject({ status: 400, code: 'request.invalid-query' });
});

it('refuses the anchors and the key to a donor', async () => {
  const donor = await app.token('don', 'donor');
  for (const path of ['/verification/anchors', '/verification/anchors/public-key']) {
    expect((await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${donor}` } })).status).toBe(403);
  }
});

it('says that a service with no signing key publishes none', async () => {
  const unsigned = await TestApp.start();
  try {
    const response = await (await unsigned.as('aud', 'auditor')).get('/verification/anchors/public-key');
    expect(response.body).toMatchObject({ status: 409, code: 'anchors.not-configured' });
    expect((await (await unsigned.as('aud', 'auditor')).get('/verification/anchors')).body).toEqual({ total: 0, keyId: null, anchors: [] });
  } finally {
    await unsigned.stop();
  }
});
