import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyId, signCheckpoint } from '#ledger';
import { writeCheckpoint } from '#runtime';
import { checkSignature, importPublicKey, KeyUnreadable, signedBytes } from '../src/pages/explorer/verification/checkpoint-signature.js';

/**
 * The browser's check of a checkpoint, run here with Node's WebCrypto (the same API as
 * Chromium's) against a checkpoint signed and written by the service's own functions.
 */
describe('a checkpoint signature checked with WebCrypto', () => {
  const keys = generateKeyPairSync('ed25519');
  const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let dir: string;
  let written: Record<string, unknown>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkpoint-signature-'));
    const checkpoint = signCheckpoint(
      {
        signedAt: '2026-03-01T10:00:00.000Z',
        upTo: '9',
        events: '8',
        absent: [['4', '4']],
        heads: { project: { streams: 1, digest: 'a80f' }, envelope: { streams: 2, digest: '5d2e' } },
      },
      keys.privateKey,
    );
    // As the auditor gets it: the file ANCHOR_DIR holds, parsed.
    written = JSON.parse(await readFile(join(dir, await writeCheckpoint(dir, checkpoint)), 'utf8')) as Record<string, unknown>;
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('signs exactly the canonical JSON of every field but the signature', () => {
    const bytes = signedBytes(written);
    expect(new TextDecoder().decode(bytes)).toBe(
      '{"absent":[["4","4"]],"events":"8","format":"portfolio-ledger/checkpoint@1","heads":{"envelope":{"digest":"5d2e","streams":2},"project":{"digest":"a80f","streams":1}},' +
        `"keyId":"${keyId(keys.publicKey)}","signedAt":"2026-03-01T10:00:00.000Z","upTo":"9"}`,
    );
    expect(verify(null, bytes, keys.publicKey, Buffer.from(written['signature'] as string, 'base64'))).toBe(true);
  });

  it('verifies the checkpoint with its public key, and names the key as the checkpoint does', async () => {
    const imported = await importPublicKey(pem);
    expect(imported.keyId).toBe(written['keyId']);
    expect(await checkSignature(written, imported.key)).toBe('verified');
  });

  it('does not verify a checkpoint altered after signing, nor one checked with another key', async () => {
    const { key } = await importPublicKey(pem);
    expect(await checkSignature({ ...written, events: '9' }, key)).toBe('not-verified');
    expect(await checkSignature({ ...written, heads: { project: { streams: 1, digest: 'a80e' } } }, key)).toBe('not-verified');
    expect(await checkSignature({ ...written, signature: 'not base64!' }, key)).toBe('not-verified');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await checkSignature(written, (await importPublicKey(other)).key)).toBe('not-verified');
  });

  it('calls malformed what is no checkpoint of this format', async () => {
    const { key } = await importPublicKey(pem);
    const { signature: _dropped, ...unsigned } = written;
    expect(await checkSignature(unsigned, key)).toBe('malformed');
    expect(await checkSignature({ ...written, format: 'portfolio-ledger/checkpoint@2' }, key)).toBe('malformed');
    expect(await checkSignature('{}', key)).toBe('malformed');
  });

  it('refuses a private key, a key of another kind and text that is no PEM, saying which', async () => {
    const reason = (text: string) => importPublicKey(text).then(() => 'imported', (error: unknown) => (error instanceof KeyUnreadable ? error.reason : String(error)));
    expect(await reason(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBe('private-key');
    expect(await reason(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe('not-ed25519');
    expect(await reason('ssh-ed25519 AAAAC3Nza… auditor@laptop')).toBe('no-pem');
  });
});
