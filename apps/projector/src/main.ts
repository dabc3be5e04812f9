/**
 * The projector as its own process (postgres profile): follows the event store's feed and
 * keeps the views; stop it, start it again, it catches up from its checkpoints. Serves
 * `GET /health` (state and lag of every projection) and `GET /metrics` (Prometheus: the lags,
 * collected when scraped, and the process's memory, event loop and GC) on PROJECTOR_PORT.
 * Several may run: each batch commits only if its starting checkpoint still holds, so no
 * event is ever applied twice. At LOG_LEVEL=debug it logs each applied batch with the
 * correlation ids of its events, the ids the API's request lines carry.
 *
 *     EVENT_STORE=postgres READ_STORE=postgres npm run start:projector
 */
import { createServer, type ServerResponse } from 'node:http';
import {
  ConfigurationError,
  answerMetrics,
  createLogger,
  createMetricsRegistry,
  loadConfig,
  logEntriesTo,
  openStorage,
  registerProjectionLagMetrics,
  sendProblem,
} from '#runtime';
import { EventSourcedRepository, WorkflowRepairs, WorkflowSupervisor } from '#ledger';
import { ALL_PROJECTIONS, Projector, openWorkflowsIn, projectionLag } from '#read-models';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { app: 'projector' });
  const log = logEntriesTo(logger);
  const storage = await openStorage(config, { migrate: config.migrateOnStart, warn: (message) => logger.warn(message) });
  const projector = new Projector(storage.events, storage.views, ALL_PROJECTIONS, { batchSize: config.projectorBatchSize, idleMs: config.projectorPollMs, log });
  await projector.start();
  // The process manager of the workflows across streams (ADR 0017) runs beside the views it reads.
  const workflows = new WorkflowSupervisor(new WorkflowRepairs(new EventSourcedRepository(storage.events), storage.events), openWorkflowsIn(storage.events, storage.views), {
    graceMs: config.workflowGraceMs,
    intervalMs: config.workflowReviewMs,
    log,
  });
  workflows.start();
  logger.info({ projections: projector.names(), eventStore: config.eventStore, readStore: config.readStore }, 'projector started');

  const registry = createMetricsRegistry();
  registerProjectionLagMetrics(registry, () => projectionLag(storage.events, storage.views, ALL_PROJECTIONS));
  const send = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type }).end(body);
  };
  const server = createServer((request, response) => {
    void (async () => {
      if (await answerMetrics(registry, request, response)) return;
      if (request.url !== '/health') return sendProblem(response, 404, 'route.not-found', 'try /health or /metrics');
      try {
        const lags = await projectionLag(storage.events, storage.views, ALL_PROJECTIONS);
        const runners = new Map(projector.status().map((runner) => [runner.projection, runner]));
        const projections = lags.map((lag) => ({ ...lag, ...runners.get(lag.projection) }));
        const failing = projections.some((p) => p.state === 'failing');
        send(response, 200, 'application/json', JSON.stringify({ status: failing ? 'degraded' : 'ok', projections }));
      } catch (error) {
        sendProblem(response, 503, 'store.unavailable', (error as Error).message);
      }
    })();
  });
  server.listen(config.projectorPort, config.host, () => logger.info(`health and metrics on http://${config.host}:${config.projectorPort}`));

  const shutdown = async (signal: string) => {
    logger.info(`${signal}: stopping after the batch in hand`);
    server.close();
    await workflows.stop();
    await projector.stop();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(error instanceof ConfigurationError ? 2 : 1);
});
