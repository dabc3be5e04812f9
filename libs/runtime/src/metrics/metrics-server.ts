import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { METRICS_CONTENT_TYPE, metricsText } from './metrics-registry.js';

/** Answers `GET /metrics` from the registry; false when the request is for another path. */
export async function answerMetrics(registry: Registry, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (new URL(request.url ?? '/', 'http://metrics').pathname !== '/metrics') return false;
  try {
    const body = await metricsText(registry);
    response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(body);
  } catch (error) {
    sendProblem(response, 503, 'metrics.unavailable', `the metrics could not be collected: ${(error as Error).message}`);
  }
  return true;
}

export function sendProblem(response: ServerResponse, status: number, code: string, detail: string): void {
  response
    .writeHead(status, { 'content-type': 'application/problem+json' })
    .end(JSON.stringify({ type: `/problems/${code}`, title: status === 404 ? 'Not Found' : 'Service Unavailable', status, code, detail }));
}

export interface MetricsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the registry on its own port, apart from the API, so that `/metrics` is not public:
 * bound to loopback unless METRICS_HOST says otherwise. Resolves undefined, after a warning,
 * when the port is taken: several API instances may run on one machine (the postgres
 * profile, tests, the benchmark), and the first one's metrics are no reason to refuse the
 * second's requests. Any other error (a host that does not exist) is thrown.
 */
export async function serveMetrics(
  registry: Registry,
  options: { port: number; host: string; warn: (message: string) => void },
): Promise<MetricsServer | undefined> {
  const server: Server = createServer((request, response) => {
    void answerMetrics(registry, request, response).then((answered) => {
      if (!answered) sendProblem(response, 404, 'route.not-found', 'this port serves GET /metrics only');
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.warn(`METRICS_PORT ${options.port} on ${options.host} is in use: this process serves no metrics (set METRICS_PORT to a free port, or 0 to say so)`);
    return undefined;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
