import { createHash, randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { LegacyIdempotencyKeys, canonicalJson } from '#ledger';
import { TestApp } from './support/test-app.js';

/**
 * A store written before docs/adr/0016 keeps its keys: a key completed in an old
 * `idempotency-<hash>` stream (docs/adr/0004) still replays its response and refuses
 * another request, and no new key stream is written.
 */

jest.setTimeout(120_000);

const YEAR = new Date().getUTCFullYear() + 3;
const body = { year: YEAR, fundingLine: 1, amount: '1000.00' };
const fingerprint = createHash('sha256').update(`POST /envelopes\n\n${canonicalJson(body)}`).digest('hex');
const firstAnswer = { status: 201, body: { year: YEAR, fundingLine: 1, amount: '1000.00', revision: 0, position: '1-1', answeredBy: 'the old key stream' }, headers: { ETag: '"0"', Location: `/envelopes/${YEAR}/1` } };

let app: TestApp;

beforeAll(async () => {
  // The old code's two events, written where it wrote them, before the service starts.
  const writer = await TestApp.start();
  await writer.eventStore().append(
    LegacyIdempotencyKeys.streamId('ada', 'old-key'),
    [
      { id: randomUUID(), type: 'IdempotentCommandStarted', data: { fingerprint }, metadata: metadataOf() },
      { id: randomUUID(), type: 'IdempotentCommandCompleted', data: { response: firstAnswer }, metadata: metadataOf() },
    ],
    'no_stream',
  );
  await writer.stop({ removeData: false });
  app = await TestApp.start({ dataDir: writer.config.dataDir });
});

afterAll(() => app?.stop());

function metadataOf() {
  const id = randomUUID();
  return { actorId: 'ada', actorRole: 'admin', recordedAt: new Date().toISOString(), correlationId: id, causationId: id, schemaVersion: 1, previousHash: '', hash: '' };
}

it('replays the response an old key stream completed, and records nothing', async () => {
  const admin = await app.as('ada', 'admin');
  const before = await app.eventStoreHead();
  const retry = await admin.post('/envelopes', body, { 'Idempotency-Key': 'old-key' });
  expect({ status: retry.status, replayed: retry.headers.get('idempotent-replayed'), body: retry.body }).toEqual({
    status: 201,
    replayed: 'true',
    body: firstAnswer.body,
  });
  expect(await app.eventStoreHead()).toBe(before);
});

it('refuses another request with an old key (422) and runs a new key as usual', async () => {
  const admin = await app.as('ada', 'admin');
  const other = await admin.post('/envelopes', { ...body, amount: '2000.00' }, { 'Idempotency-Key': 'old-key' });
  expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'idempotency.key-reused' });
  const fresh = await admin.post('/envelopes', { ...body, year: YEAR + 1 }, { 'Idempotency-Key': 'new-key' });
  expect(fresh.status).toBe(201);
  const again = await admin.post('/envelopes', { ...body, year: YEAR + 1 }, { 'Idempotency-Key': 'new-key' });
  expect({ status: again.status, replayed: again.headers.get('idempotent-replayed'), revision: again.body.revision }).toEqual({ status: 201, replayed: 'true', revision: fresh.body.revision });
});
