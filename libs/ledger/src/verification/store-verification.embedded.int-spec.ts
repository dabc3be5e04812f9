import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { migrate, PgliteClient } from '#sql';
import { describeAttacksOn } from './testing/attack-suite.js';

describeAttacksOn('embedded (PGlite)', async () => {
  const client = await PgliteClient.open(undefined);
  await migrate(client, EVENT_STORE_MIGRATIONS);
  return { client, dispose: () => client.close() };
});
