import { describeReadStoreContract } from '../testing/read-store.suite.js';
import { MemoryReadStore } from './memory-read-store.js';

// The views as of an instant are folded into this store: it answers as the SQL store does.
describeReadStoreContract('in memory', async () => ({ store: new MemoryReadStore(), dispose: async () => {} }));
