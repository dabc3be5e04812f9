import type { EventStore } from '../event-store.port.js';
import { appendContract } from './contract/append.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { idempotencyContract } from './contract/idempotency.contract.js';
import { readAllContract } from './contract/read-all.contract.js';
import { readStreamContract } from './contract/read-stream.contract.js';

export interface OpenedEventStore {
  store: EventStore;
  /** Closes the store and frees what `open` created (database, container, temp dir). */
  dispose: () => Promise<void>;
}

/** What an adapter's store cannot promise, said once where the suite is called. */
export interface ContractLimits {
  /**
   * The store checks an append's ids only where the expected revision puts them (its own
   * deduplication, EventStoreDB's), not anywhere in the stream: the same ids sent again
   * with the stream's current revision are written again.
   */
  idsCheckedOnlyAtTheirPlace?: boolean;
}

/** The store under test, valid inside the contract's tests. */
export type StoreUnderTest = () => EventStore;

/**
 * The behaviour every EventStore adapter must show (DESIGN.md, "Event store contract").
 * An adapter's int-spec calls it once; `open` runs once for the whole suite, so every
 * test works on streams (and feed prefixes) of its own and never assumes an empty store.
 *
 *     describeEventStoreContract('embedded (PGlite)', async () => { … return { store, dispose } })
 */
export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<OpenedEventStore>,
  limits: ContractLimits = {},
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let opened: OpenedEventStore | undefined;

    beforeAll(async () => {
      opened = await open();
    });

    afterAll(async () => {
      await opened?.dispose();
    });

    const store: StoreUnderTest = () => {
      if (!opened) throw new Error('the store under test did not open (see beforeAll)');
      return opened.store;
    };

    describe('append', () => appendContract(store));
    describe('idempotent retries', () => idempotencyContract(store, limits));
    describe('concurrent writers', () => concurrencyContract(store));
    describe('readStream', () => readStreamContract(store));
    describe('readAll (the global feed)', () => readAllContract(store));
  });
}
