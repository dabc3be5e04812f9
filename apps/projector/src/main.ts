/**
 * The projector as its own process (postgres profile): follows the event store's feed and
 * keeps the views; stop it, start it again, it catches up from its checkpoints. Serves
 * `GET /health` (state and lag of every projection) and `GET /metrics` (Prometheus: the lags
 * and the process's memory) on PROJECTOR_PORT. Several may run: each batch commits only if
 * its starting checkpoint still holds, so no event is ever applied twice.
 *
 *     EVENT_STORE=postgres READ_STORE=postgres npm run start:projector
 */
import { createServer, type ServerResponse } from 'node:http';
import { ConfigurationError, loadConfig, openStorage, processMemoryMetrics } from '#runtime';
import { ALL_PROJECTIONS, Projector, lagMetrics, projectionLag } from '#read-models';

function log(entry: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), app: 'projector', ...entry })}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(config, { migrate: config.migrateOnStart, warn: (message) => log({ level: 'warn', message }) });
  const projector = new Projector(storage.events, storage.views, ALL_PROJECTIONS, { batchSize: config.projectorBatchSize, idleMs: config.projectorPollMs, log });
  await projector.start();
  log({ level: 'log', message: 'projector started', projections: projector.names(), eventStore: config.eventStore, readStore: config.readStore });

  const send = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type }).end(body);
  };
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const lags = await projectionLag(storage.events, storage.views, ALL_PROJECTIONS);
        if (request.url === '/metrics') return send(response, 200, 'text/plain; version=0.0.4', lagMetrics(lags) + processMemoryMetrics());
        if (request.url === '/health') {
          const runners = new Map(projector.status().map((runner) => [runner.projection, runner]));
          const projections = lags.map((lag) => ({ ...lag, ...runners.get(lag.projection) }));
          const failing = projections.some((p) => p.state === 'failing');
          return send(response, 200, 'application/json', JSON.stringify({ status: failing ? 'degraded' : 'ok', projections }));
        }
        send(response, 404, 'application/problem+json', JSON.stringify({ status: 404, code: 'route.not-found', detail: 'try /health or /metrics' }));
      } catch (error) {
        send(response, 503, 'application/problem+json', JSON.stringify({ status: 503, code: 'store.unavailable', detail: (error as Error).message }));
      }
    })();
  });
  server.listen(config.projectorPort, config.host, () => log({ level: 'log', message: `health and metrics on http://${config.host}:${config.projectorPort}` }));

  const shutdown = async (signal: string) => {
    log({ level: 'log', message: `${signal}: stopping after the batch in hand` });
    server.close();
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
