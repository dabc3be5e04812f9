import { Gauge, type Registry } from 'prom-client';
import type { ProjectionLag } from '#read-models';

/**
 * How far each view is behind the feed, read from the stores when Prometheus scrapes (so every
 * process that can reach the stores reports the same). Both gauges share one read per scrape.
 * When the stores cannot be read the lag gauges are empty and `portfolio_ledger_stores_readable`
 * is 0: the scrape itself still succeeds, with the process metrics an operator needs then.
 */
export function registerProjectionLagMetrics(registry: Registry, readLags: () => Promise<readonly ProjectionLag[]>): void {
  let reading: Promise<readonly ProjectionLag[] | undefined> | undefined;
  const read = () =>
    (reading ??= readLags()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (reading = undefined))));
  new Gauge({
    name: 'portfolio_ledger_stores_readable',
    help: 'Whether the event store and the read store answered the last scrape (1) or not (0).',
    registers: [registry],
    async collect() {
      this.set((await read()) === undefined ? 0 : 1);
    },
  });
  const lagGauge = (name: string, help: string, value: (lag: ProjectionLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        const lags = await read();
        this.reset();
        for (const lag of lags ?? []) this.set({ projection: lag.projection }, value(lag));
      },
    });
  lagGauge('portfolio_ledger_projection_events_behind', 'Events in the feed a projection has not applied yet (at most 10,000).', (lag) => lag.eventsBehind);
  lagGauge('portfolio_ledger_projection_seconds_behind', 'Age of the oldest event a projection has not applied yet, in seconds.', (lag) => lag.secondsBehind);
}
