import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
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
