import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { migrate, PgClient } from '#sql';
import { createTemporaryDatabase } from '#sql/testing';
import { describeAttacksOn } from './testing/attack-suite.js';

describeAttacksOn('postgres (PostgreSQL server)', async () => {
  const database = await createTemporaryDatabase();
  const client = await PgClient.connect(database.url, { max: 3 });
  await migrate(client, EVENT_STORE_MIGRATIONS);
  return {
    client,
    dispose: async () => {
      await client.close();
      await database.drop();
    },
  };
});
