import type { ReadStore } from '../read-store.port.js';
import { aggregateContract } from './contract/aggregate.contract.js';
import { commitContract } from './contract/commit.contract.js';
import { findContract } from './contract/find.contract.js';
import { generationsContract } from './contract/generations.contract.js';
import { paginationContract } from './contract/pagination.contract.js';

export interface OpenedReadStore {
  store: ReadStore;
  /** Closes the store and frees what `open` created (database, container, temp dir). */
  dispose: () => Promise<void>;
}

/** The store under test, valid inside the suite's tests. */
export type ReadStoreUnderTest = () => ReadStore;

/**
 * The behaviour every ReadStore adapter must show (SQL on PGlite and PostgreSQL, MongoDB).
 * An adapter's int-spec calls it once; `open` runs once for the whole suite, so every test
 * works in projections of its own and never assumes an empty store. Nothing here knows
 * which database is underneath.
 *
 *     describeReadStoreContract('embedded (PGlite)', async () => { … return { store, dispose } })
 */
export function describeReadStoreContract(adapterName: string, open: () => Promise<OpenedReadStore>): void {
  describe(`ReadStore contract: ${adapterName}`, () => {
    let opened: OpenedReadStore | undefined;

    beforeAll(async () => {
      opened = await open();
    });

    afterAll(async () => {
      await opened?.dispose();
    });

    const store: ReadStoreUnderTest = () => {
      if (!opened) throw new Error('the read store under test did not open (see beforeAll)');
      return opened.store;
    };

    describe('commit, checkpoint and load', () => commitContract(store));
    describe('find: filters and text', () => findContract(store));
    describe('find: sorting and pages', () => paginationContract(store));
    describe('aggregate', () => aggregateContract(store));
    describe('generations (rebuilds)', () => generationsContract(store));
  });
}
