import type { ReadStreamOptions } from '../../event-store.port.js';
import type { StoreUnderTest } from '../event-store.contract.js';
import { aStreamId, anEvent } from '../test-events.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

export function readStreamContract(store: StoreUnderTest): void {
  // Five events, recorded one minute apart: revision n at T0 + n minutes.
  let streamId: string;

  beforeAll(async () => {
    streamId = aStreamId();
    const events = [0, 1, 2, 3, 4].map((n) => anEvent('StepRecorded', { data: { n }, metadata: { recordedAt: at(n) } }));
    await store().append(streamId, events, 'no_stream');
  });

  const revisions = async (options?: ReadStreamOptions) =>
    (await store().readStream(streamId, options)).map((e) => e.revision);

  it('reads forwards by default', async () => {
    expect(await revisions()).toEqual([0, 1, 2, 3, 4]);
    expect(await revisions({ direction: 'forwards' })).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads backwards, from the last event', async () => {
    expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
  });

  it('reads forwards from a revision (inclusive)', async () => {
    expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
    expect(await revisions({ fromRevision: 5 })).toEqual([]);
  });

  it('reads backwards from a revision (inclusive), going down', async () => {
    expect(await revisions({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
  });

  it('reads up to a revision (inclusive) in stream order, whatever the direction', async () => {
    expect(await revisions({ toRevision: 2 })).toEqual([0, 1, 2]);
    expect(await revisions({ direction: 'backwards', toRevision: 2 })).toEqual([2, 1, 0]);
    expect(await revisions({ fromRevision: 1, toRevision: 3 })).toEqual([1, 2, 3]);
  });

  it('reads the stream as it was at an instant (recorded at or before it)', async () => {
    expect(await revisions({ until: at(2) })).toEqual([0, 1, 2]);
    expect(await revisions({ until: new Date(T0 + 2.5 * MINUTE).toISOString() })).toEqual([0, 1, 2]);
    expect(await revisions({ direction: 'backwards', until: at(2) })).toEqual([2, 1, 0]);
    expect(await revisions({ until: at(-1) })).toEqual([]);
  });

  it('reads at most maxCount events, in the direction read', async () => {
    expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
    expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
    expect(await revisions({ fromRevision: 3, maxCount: 10 })).toEqual([3, 4]);
    expect(await revisions({ direction: 'backwards', until: at(3), maxCount: 2 })).toEqual([3, 2]);
  });

  it('reads an absent stream as empty', async () => {
    expect(await store().readStream(aStreamId())).toEqual([]);
    expect(await store().readStream(aStreamId(), { direction: 'backwards', fromRevision: 3, maxCount: 1 })).toEqual([]);
  });

  it('reads only its own stream, not one whose id it prefixes', async () => {
    await store().append(`${streamId}-other`, [anEvent()], 'no_stream');
    expect(await revisions()).toEqual([0, 1, 2, 3, 4]);
  });
}
