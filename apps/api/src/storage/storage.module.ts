import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EventStore } from '#event-store';
import { EventSourcedRepository, LegacyIdempotencyKeys } from '#ledger';
import type { ReadStore } from '#read-models';
import type { AppConfig } from '#runtime';
import { countAppends, openStorage, type Storage } from '#runtime';
import type { Registry } from 'prom-client';
import { APPENDED, EVENT_STORE, METRICS_REGISTRY, READ_STORE, STORAGE, STORE_AUDIT } from './tokens.js';

/**
 * Opens the stores of the configured profiles (see open-storage.ts) and provides the
 * repository and the old idempotency keys' reader built on the event store, and APPENDED: a notification
 * after each successful append, so in-process projections can look at once.
 */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: STORAGE,
          useFactory: () => openStorage(config, { migrate: config.migrateOnStart, warn: (message) => new Logger('Storage').warn(message) }),
        },
        // Every append of the API passes here: counted once, whatever the adapter.
        {
          provide: EVENT_STORE,
          useFactory: (storage: Storage, registry: Registry): EventStore => countAppends(storage.events, registry),
          inject: [STORAGE, METRICS_REGISTRY],
        },
        { provide: READ_STORE, useFactory: (storage: Storage): ReadStore => storage.views, inject: [STORAGE] },
        { provide: STORE_AUDIT, useFactory: (storage: Storage) => storage.audit, inject: [STORAGE] },
        { provide: APPENDED, useValue: new Subject<void>() },
        {
          provide: EventSourcedRepository,
          useFactory: (store: EventStore, appended: Subject<void>) =>
            new EventSourcedRepository(store, { afterAppend: () => appended.next(), cachedStreams: config.cachedStreams }),
          inject: [EVENT_STORE, APPENDED],
        },
        { provide: LegacyIdempotencyKeys, useFactory: (store: EventStore) => new LegacyIdempotencyKeys(store), inject: [EVENT_STORE] },
      ],
      exports: [EVENT_STORE, READ_STORE, STORE_AUDIT, APPENDED, EventSourcedRepository, LegacyIdempotencyKeys],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
    this.logger.log('stores closed');
  }
}
