import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE_MIGRATIONS, SqlEventStore, type EventStore } from '#event-store';
import { EventSourcedRepository, IdempotencyKeys } from '#ledger';
import { PgliteClient, migrate } from '#sql';
import type { AppConfig } from '../config/app-config.js';
import { EVENT_STORE } from './tokens.js';

/**
 * Opens the event store of the configured profile, brings its schema up to date, and
 * provides the repository and idempotency keys built on it.
 */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: async (): Promise<EventStore> => {
            const client = await PgliteClient.open(config.dataDir);
            await migrate(client, EVENT_STORE_MIGRATIONS);
            new Logger('Storage').log({ message: 'embedded event store ready', dataDir: config.dataDir });
            return new SqlEventStore(client);
          },
        },
        { provide: EventSourcedRepository, useFactory: (store: EventStore) => new EventSourcedRepository(store), inject: [EVENT_STORE] },
        { provide: IdempotencyKeys, useFactory: (store: EventStore) => new IdempotencyKeys(store), inject: [EVENT_STORE] },
      ],
      exports: [EVENT_STORE, EventSourcedRepository, IdempotencyKeys],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
