import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Registry } from 'prom-client';
import type { EventStore } from '#event-store';
import { ALL_PROJECTIONS, projectionLag, type ReadStore } from '#read-models';
import { createMetricsRegistry, registerProjectionLagMetrics, serveMetrics, type AppConfig, type MetricsServer } from '#runtime';
import { APP_CONFIG, EVENT_STORE, METRICS_REGISTRY, READ_STORE } from '../storage/tokens.js';
import { CommandRoutes } from './command-routes.js';
import { RequestMetrics } from './request-metrics.js';

/**
 * The API's Prometheus registry (process, HTTP, commands, appends, projection lags) and its
 * endpoint: `GET /metrics` on METRICS_PORT, bound to METRICS_HOST (loopback by default), not
 * on the API's port where anyone may ask. See the README's Operations section.
 */
@Global()
@Module({})
export class MetricsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: MetricsServer | undefined;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    const registry = createMetricsRegistry();
    return {
      module: MetricsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: APP_CONFIG, useValue: config },
        { provide: RequestMetrics, useValue: new RequestMetrics(registry) },
        CommandRoutes,
      ],
      exports: [METRICS_REGISTRY, RequestMetrics, CommandRoutes],
    };
  }

  /** Where the metrics are served (undefined: METRICS_PORT=0, or its port was taken). */
  get url(): string | undefined {
    return this.server?.url;
  }

  async onApplicationBootstrap(): Promise<void> {
    registerProjectionLagMetrics(this.registry, () => projectionLag(this.events, this.views, ALL_PROJECTIONS));
    if (this.config.metricsPort === 0) return;
    this.server = await serveMetrics(this.registry, {
      port: this.config.metricsPort,
      host: this.config.metricsHost,
      warn: (message) => this.logger.warn(message),
    });
    if (this.server) this.logger.log(`metrics on ${this.server.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
