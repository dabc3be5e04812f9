import { Inject, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { Subject, Subscription } from 'rxjs';
import { EventSourcedRepository, WorkflowRepairs, WorkflowSupervisor } from '#ledger';
import { ALL_PROJECTIONS, Projector, ViewCache, ViewsAsOf, openWorkflowsIn, type ReadStore } from '#read-models';
import type { AppConfig } from '#runtime';
import { APP_CONFIG, APPENDED, EVENT_STORE, READ_STORE } from '../storage/tokens.js';
import { ReadModelsAdminController } from './admin/read-models-admin.controller.js';
import { RebuildJobs } from './admin/rebuild-jobs.js';
import { ApprovalQueueController } from './approval-queue/approval-queue.controller.js';
import { AuditTrailController } from './audit-trail/audit-trail.controller.js';
import { FundingController } from './funding/funding.controller.js';
import { IatiController } from './iati/iati.controller.js';
import { MyContributionsController } from './my-contributions/my-contributions.controller.js';
import { PortfolioController } from './portfolio/portfolio.controller.js';
import { makeViewCache } from './view-cache.js';
import type { EventStore } from '#event-store';
import { ViewFreshness } from './view-freshness.js';
import { ViewSource } from './view-source.js';

/**
 * The read side: the projector (in this process on the embedded profile) and the queries
 * over the views it keeps.
 */
@Module({})
export class ViewsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private wakeUps: Subscription | undefined;

  constructor(
    private readonly projector: Projector,
    private readonly workflows: WorkflowSupervisor,
    private readonly asOf: ViewsAsOf,
    @Inject(APPENDED) private readonly appended: Subject<void>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ViewsModule,
      controllers: [PortfolioController, FundingController, MyContributionsController, ApprovalQueueController, AuditTrailController, ReadModelsAdminController, IatiController],
      providers: [
        {
          provide: Projector,
          useFactory: (events: EventStore, views: ReadStore) => {
            const logger = new Logger('Projector');
            return new Projector(events, views, ALL_PROJECTIONS, {
              batchSize: config.projectorBatchSize,
              rebuildBatchSize: config.rebuildBatchSize,
              documentMemory: { rebuild: config.rebuildMemoryMb * 1_000_000 },
              idleMs: config.projectorPollMs,
              log: (entry) => (entry.level === 'error' ? logger.error(entry) : entry.level === 'debug' ? logger.debug(entry) : logger.log(entry)),
            });
          },
          inject: [EVENT_STORE, READ_STORE],
        },
        {
          provide: ViewFreshness,
          useFactory: (projector: Projector, events: EventStore) => new ViewFreshness(projector, events, config.viewWaitMs),
          inject: [Projector, EVENT_STORE],
        },
        {
          provide: ViewCache,
          useFactory: (projector: Projector, views: ReadStore) => makeViewCache(projector, views, config),
          inject: [Projector, READ_STORE],
        },
        {
          // The views as of an instant, folded from the event store in this process (ADR 0020).
          provide: ViewsAsOf,
          useFactory: (events: EventStore) =>
            new ViewsAsOf(events, ALL_PROJECTIONS, { cachedFolds: config.asOfFolds, snapshotEvery: config.asOfSnapshotEvery, maxSnapshots: config.asOfSnapshots }),
          inject: [EVENT_STORE],
        },
        {
          provide: ViewSource,
          useFactory: (views: ReadStore, freshness: ViewFreshness, cache: ViewCache, asOf: ViewsAsOf) => new ViewSource(views, freshness, cache, asOf),
          inject: [READ_STORE, ViewFreshness, ViewCache, ViewsAsOf],
        },
        {
          // The process manager runs where the projector runs: it reads the 'workflows' view (ADR 0017).
          provide: WorkflowSupervisor,
          useFactory: (repository: EventSourcedRepository, events: EventStore, views: ReadStore) => {
            const logger = new Logger('Workflows');
            return new WorkflowSupervisor(new WorkflowRepairs(repository, events), openWorkflowsIn(events, views), {
              graceMs: config.workflowGraceMs,
              intervalMs: config.workflowReviewMs,
              log: (entry) => (entry.level === 'error' ? logger.error(entry) : entry.level === 'warn' ? logger.warn(entry) : logger.debug(entry)),
            });
          },
          inject: [EventSourcedRepository, EVENT_STORE, READ_STORE],
        },
        RebuildJobs,
        { provide: APP_CONFIG, useValue: config },
      ],
      // Global so that the fund's envelopes can wait for the workflows view (their pending repairs).
      global: true,
      exports: [Projector, ViewSource, ViewsAsOf, ViewFreshness],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.asOfFollowMs > 0) {
      const logger = new Logger('ViewsAsOf');
      this.asOf.follow({ intervalMs: this.config.asOfFollowMs, onError: (error) => logger.error({ message: 'following the feed for views as of an instant failed', error: String(error) }) });
    }
    // With views on a server, the projector runs as its own app (apps/projector).
    if (!this.config.runProjector) return;
    await this.projector.start();
    this.wakeUps = this.appended.subscribe(() => this.projector.wake());
    this.logger.log({ message: 'projector started', projections: this.projector.names() });
    this.workflows.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.asOf.stopFollowing();
    this.wakeUps?.unsubscribe();
    await this.workflows.stop();
    await this.projector.stop();
  }
}
