import { EVENT_STORE_MIGRATIONS, SqlEventStore, type EventStore } from '#event-store';
import { READ_STORE_MIGRATIONS, SqlReadStore, type ReadStore } from '#read-models';
import { PgClient, PgliteClient, migrate, type Migration, type SqlClient } from '#sql';
import type { AppConfig, StorageProfile } from './app-config.js';

/** The stores of a process, opened for its configuration. */
export interface Storage {
  events: EventStore;
  views: ReadStore;
  close(): Promise<void>;
}

/**
 * Opens the event store and the read store of the configured profiles. Both profiles
 * speak the same SQL through a SqlClient: PGlite in the data directory (embedded) or a
 * pool to the PostgreSQL server (postgres). One client per engine is shared by both
 * stores. With `migrate`, each schema is brought up to date first (safe from several
 * processes at once: migrations take an advisory lock).
 */
export async function openStorage(config: AppConfig, options: { migrate: boolean }): Promise<Storage> {
  const clients = new Map<StorageProfile, SqlClient>();
  const clientFor = async (profile: StorageProfile): Promise<SqlClient> => {
    let client = clients.get(profile);
    if (!client) {
      client =
        profile === 'embedded'
          ? await PgliteClient.open(config.dataDir)
          : await PgClient.connect(config.databaseUrl, { max: config.databasePoolSize });
      clients.set(profile, client);
    }
    return client;
  };
  try {
    const eventsClient = await clientFor(config.eventStore);
    const viewsClient = await clientFor(config.readStore);
    if (options.migrate) {
      const byClient = new Map<SqlClient, Migration[]>();
      byClient.set(eventsClient, [...EVENT_STORE_MIGRATIONS]);
      byClient.set(viewsClient, [...(byClient.get(viewsClient) ?? []), ...READ_STORE_MIGRATIONS]);
      for (const [client, migrations] of byClient) await migrate(client, migrations);
    }
    return {
      events: new SqlEventStore(eventsClient, { ownsClient: false }),
      views: new SqlReadStore(viewsClient),
      close: async () => {
        for (const client of clients.values()) await client.close();
      },
    };
  } catch (error) {
    for (const client of clients.values()) await client.close().catch(() => undefined);
    throw error;
  }
}
