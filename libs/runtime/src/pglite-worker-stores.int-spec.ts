import { EVENT_STORE_MIGRATIONS, SqlEventStore } from '#event-store';
import { READ_STORE_MIGRATIONS, SqlReadStore } from '#read-models';
import { migrate, PgliteWorkerClient } from '#sql';
import { describeEventStoreContract } from '../../event-store/src/testing/event-store.contract.js';
import { describeReadStoreContract } from '../../read-models/src/testing/read-store.suite.js';

// The embedded profile's default client (PGlite in a worker thread, docs/adr/0026) under
// the same contracts as PGlite on the calling thread (embedded-event-store.int-spec.ts,
// embedded-read-store.int-spec.ts): the stores cannot tell the two apart.
async function openInWorker() {
  const client = await PgliteWorkerClient.open(undefined);
  await migrate(client, [...EVENT_STORE_MIGRATIONS, ...READ_STORE_MIGRATIONS]);
  return client;
}

describeEventStoreContract('embedded (PGlite in a worker thread, in memory)', async () => {
  const client = await openInWorker();
  return { store: new SqlEventStore(client, { ownsClient: false }), dispose: () => client.close() };
});

describeReadStoreContract('embedded (PGlite in a worker thread, in memory)', async () => {
  const client = await openInWorker();
  return { store: new SqlReadStore(client), dispose: () => client.close() };
});
