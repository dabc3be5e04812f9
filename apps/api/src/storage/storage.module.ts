import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';
import { EVENT_STORE_MIGRATIONS, SqlEventStore, type EventStore } from '#event-store';
import { EventSourcedRepository, IdempotencyKeys } from '#ledger';
import { READ_STORE_MIGRATIONS, SqlReadStore, type ReadStore } from '#read-models';
import { PgliteClient, migrate, type SqlClient } from '#sql';
import type { AppConfig } from '../config/app-config.js';
import { APPENDED, EVENT_STORE, READ_STORE, SQL_CLIENT } from './tokens.js';

/**
 * Opens the stores of the configured profile and brings their schemas up to date. On the
 * embedded profile one PGlite (one data directory) holds both the events and the views.
 * Provides the repository and idempotency keys built on the event store, and APPENDED: a
 * notification after each successful append, so in-process projections can look at once.
 */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(SQL_CLIENT) private readonly client: SqlClient) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: SQL_CLIENT,
          useFactory: async (): Promise<SqlClient> => {
            const client = await PgliteClient.open(config.dataDir);
            await migrate(client, [...EVENT_STORE_MIGRATIONS, ...READ_STORE_MIGRATIONS]);
            new Logger('Storage').log({ message: 'embedded store ready', dataDir: config.dataDir });
            return client;
          },
        },
        { provide: EVENT_STORE, useFactory: (client: SqlClient): EventStore => new SqlEventStore(client, { ownsClient: false }), inject: [SQL_CLIENT] },
        { provide: READ_STORE, useFactory: (client: SqlClient): ReadStore => new SqlReadStore(client), inject: [SQL_CLIENT] },
        { provide: APPENDED, useValue: new Subject<void>() },
        {
          provide: EventSourcedRepository,
          useFactory: (store: EventStore, appended: Subject<void>) => new EventSourcedRepository(store, () => appended.next()),
          inject: [EVENT_STORE, APPENDED],
        },
        { provide: IdempotencyKeys, useFactory: (store: EventStore) => new IdempotencyKeys(store), inject: [EVENT_STORE] },
      ],
      exports: [SQL_CLIENT, EVENT_STORE, READ_STORE, APPENDED, EventSourcedRepository, IdempotencyKeys],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    this.logger.log('store closed');
  }
}
