import { join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  EVENT_STORE_MIGRATIONS,
  EventStoreDbEventStore,
  SqlEventStore,
  SqlStoreAudit,
  appendOnlyGuardWeaknesses,
  grantAppendOnly,
  type EventStore,
  type StoreAudit,
} from '#event-store';
import { MongoReadStore, READ_STORE_MIGRATIONS, SqlReadStore, type ReadStore } from '#read-models';
import { ANALYSE_SCHEDULE, PgClient, PgliteClient, PgliteWorkerClient, migrate, type Migration, type SqlClient } from '#sql';
import type { AppConfig, SqlProfile } from './app-config.js';
import { permissionWarnings, securePermissions } from './data-dir-permissions.js';

/** The stores of a process, opened for its configuration. */
export interface Storage {
  events: EventStore;
  views: ReadStore;
  /** What verification reads (every event by position, the stream heads); undefined on EventStoreDB. */
  audit: StoreAudit | undefined;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  /** Bring each SQL schema up to date first. */
  migrate: boolean;
  /** Where warnings about the stores go (default: a JSON line on stderr, as the apps log). */
  warn?: (message: string) => void;
}

/**
 * Opens the event store and the read store of the configured profiles, chosen
 * independently (events in EventStoreDB with views in PostgreSQL is a valid setup).
 *
 * The SQL profiles speak the same SQL through a SqlClient: PGlite in the data directory
 * (embedded) or a pool to the PostgreSQL server (postgres); one client per engine is shared
 * by both stores. With `migrate`, each SQL schema is brought up to date first (safe from
 * several processes at once: migrations take an advisory lock). MongoDB creates its
 * indexes when it connects; EventStoreDB needs no schema.
 */
export async function openStorage(config: AppConfig, options: OpenStorageOptions): Promise<Storage> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message })}\n`));
  const closers: (() => Promise<void>)[] = [];
  const sqlClients = new Map<SqlProfile, SqlClient>();
  const migrations = new Map<SqlClient, Migration[]>();
  const sqlClient = async (profile: SqlProfile, needs: readonly Migration[]): Promise<SqlClient> => {
    let client = sqlClients.get(profile);
    if (!client) {
      client =
        profile === 'embedded'
          ? await openEmbedded(config.dataDir, config.pgliteWorker, warn)
          : await PgClient.connect(config.databaseUrl, {
              max: config.databasePoolSize,
              connectionTimeoutMillis: config.databaseConnectTimeoutMs,
              statementTimeoutMs: config.databaseStatementTimeoutMs,
              analyseWithoutAutovacuum: ANALYSE_SCHEDULE,
              onNoAutovacuum: () =>
                warn(
                  'the PostgreSQL server runs no autovacuum: this process analyses the tables itself (a minute after start, then every ten minutes); ' +
                    'dead rows are not vacuumed and the tables grow until someone runs VACUUM',
                ),
            });
      sqlClients.set(profile, client);
      const opened = client;
      closers.push(() => opened.close());
    }
    migrations.set(client, [...(migrations.get(client) ?? []), ...needs]);
    return client;
  };
  try {
    let events: EventStore;
    let audit: StoreAudit | undefined;
    if (config.eventStore === 'eventstoredb') {
      const store = await EventStoreDbEventStore.connect(config.eventStoreDbConnectionString);
      closers.push(() => store.close());
      events = store;
    } else {
      const client = await sqlClient(config.eventStore, EVENT_STORE_MIGRATIONS);
      audit = new SqlStoreAudit(client);
      events = new SqlEventStore(client, {
        ownsClient: false,
        // PGlite has one connection. On a server, a few statements in flight and the appends
        // that arrive meanwhile grouped into them: on 2 cores, 2 wrote 2.4x the single-event
        // appends of 16, each its own commit (docs/adr/0027). The rest of the pool serves reads.
        concurrentAppends: config.eventStore === 'postgres' ? Math.min(config.appendStatements, config.databasePoolSize) : 1,
      });
    }
    let views: ReadStore;
    if (config.readStore === 'mongodb') {
      const store = await MongoReadStore.connect(config.mongodbUrl, config.mongodbDatabase);
      closers.push(() => store.close());
      views = store;
    } else {
      views = new SqlReadStore(await sqlClient(config.readStore, READ_STORE_MIGRATIONS));
    }
    if (options.migrate) {
      const server = sqlClients.get('postgres');
      if (server && config.migrationDatabaseUrl !== undefined && config.eventStore === 'postgres') {
        // The owner migrates the event store and grants the service append-only rights;
        // the service's own role migrates what it owns (the views).
        await migrateEventStoreAsOwner(config.migrationDatabaseUrl, server);
        migrations.set(server, migrations.get(server)!.filter((migration) => !EVENT_STORE_MIGRATIONS.includes(migration)));
      }
      for (const [client, pending] of migrations) await migrate(client, pending);
    }
    if (config.eventStore === 'postgres') {
      for (const weakness of await appendOnlyGuardWeaknesses(sqlClients.get('postgres')!)) {
        warn(`${weakness}; set DATABASE_URL to a role that does not own the tables and MIGRATION_DATABASE_URL to the owner (README, "For auditors")`);
      }
    }
    return {
      events,
      views,
      audit,
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

async function migrateEventStoreAsOwner(ownerUrl: string, service: SqlClient): Promise<void> {
  const [{ role }] = (await service.query<{ role: string }>('SELECT current_user AS role')) as [{ role: string }];
  const owner = await PgClient.connect(ownerUrl, { max: 1 });
  try {
    await migrate(owner, EVENT_STORE_MIGRATIONS);
    const [{ ownerRole }] = (await owner.query<{ ownerRole: string }>('SELECT current_user AS "ownerRole"')) as [{ ownerRole: string }];
    if (ownerRole !== role) await grantAppendOnly(owner, role);
  } finally {
    await owner.close();
  }
}

/**
 * PGlite in the data directory — in a worker thread of its own unless PGLITE_WORKER=false
 * (docs/adr/0026) —, after making its files private to this user (issue 15:
 * 968 of 1,021 were 0666). Checked once the directory exists and holds its first cluster,
 * every start, so a copy or an older version's files are fixed too.
 */
async function openEmbedded(dataDir: string, inWorker: boolean, warn: (message: string) => void): Promise<SqlClient> {
  // PGlite's first cluster arrives with its files 0666 whatever the file system asks; a store
  // created by this very start is tightened without a warning about what was widened: only
  // what someone else left (a copy, an older version) or cannot be fixed is worth one.
  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  const client = inWorker ? await PgliteWorkerClient.open(dataDir) : await PgliteClient.open(dataDir);
  const found = await securePermissions(dataDir);
  for (const warning of permissionWarnings(dataDir, created ? { ...found, tightened: [] } : found)) warn(warning);
  return client;
}
