import { Registry, collectDefaultMetrics } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * prom-client's process and Node.js metrics: resident memory, the V8 heap
 * (`nodejs_heap_size_used_bytes`, `_total_bytes`, read by bench/), event-loop lag, garbage
 * collection, handles. Once per process: they start an event-loop monitor and a GC observer
 * that are never stopped, and the tests start many apps in one process.
 */
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * A registry for one application instance's own metrics (requests, commands, appends, lags):
 * one per instance rather than prom-client's global one, since registering a metric twice on
 * one registry is an error and the tests start several apps in one process.
 */
export function createMetricsRegistry(): Registry {
  processMetrics();
  return new Registry();
}

/** The instance's metrics and the process's, in Prometheus' text format. */
export function metricsText(registry: Registry): Promise<string> {
  return Registry.merge([processMetrics(), registry]).metrics();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
