import autocannon from 'autocannon';
import { LabelledLatencies, type LatencySummary } from './histogram.js';
import { problemCode } from './workload.js';

/**
 * Closed-loop HTTP load with autocannon: `connections` keep-alive connections, each sending
 * its next request as soon as the previous one is answered. Each connection has its own
 * driver, so a connection can walk through one project's lifecycle in order. Every answer's
 * latency is recorded (as a distribution, per label) from autocannon's own timing.
 */

export interface LoadRequest {
  /** What the request is, for the per-label latencies (a command, a query variant). */
  label: string;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: string;
}

export interface ConnectionDriver {
  next(): LoadRequest;
  /** Called with each answer before the connection asks for its next request. */
  answered?(status: number, body: string): void;
}

export type AcceptEncoding = 'identity' | 'gzip';

export interface HttpLoadOptions {
  baseUrl: string;
  connections: number;
  /** The Accept-Encoding of every request (default identity: see BenchOptions.acceptEncoding). */
  acceptEncoding?: AcceptEncoding;
  durationSeconds: number;
  /** Makes the driver of one connection. */
  driver: () => ConnectionDriver;
  timeoutSeconds?: number;
}

export interface HttpLoadResult {
  connections: number;
  seconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts, as autocannon counts them. */
  errors: number;
  timeouts: number;
  /** Answers with a 2xx status per second. */
  okPerSecond: number;
  latency: LatencySummary;
  byLabel: ReturnType<LabelledLatencies['summaries']>;
  statuses: Record<string, number>;
  /** Refusals and failures by status and problem code. */
  problems: Record<string, number>;
  problemSamples: string[];
  /** autocannon's own summary, to cross-check ours. */
  autocannon: { p50Ms: number; p99Ms: number; requestsPerSecondAverage: number };
}

export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const latencies = new LabelledLatencies();
  const statuses: Record<string, number> = {};
  const problems: Record<string, number> = {};
  const problemSamples: string[] = [];
  const labels = new WeakMap<object, () => string>();

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        pipelining: 1,
        duration: options.durationSeconds,
        timeout: options.timeoutSeconds ?? 30,
        // Replaced per connection in setupClient; autocannon builds it once before that.
        requests: [{ method: 'GET', path: '/health' }],
        setupClient: (client) => {
          const driver = options.driver();
          let current: LoadRequest | undefined;
          labels.set(client, () => current?.label ?? 'unknown');
          client.setRequests([
            {
              setupRequest: (request) => {
                current = driver.next();
                return {
                  ...request,
                  method: current.method,
                  path: current.path,
                  headers: {
                    authorization: `Bearer ${current.token}`,
                    'accept-encoding': options.acceptEncoding === 'gzip' ? 'gzip, deflate, br' : 'identity',
                    ...(current.body === undefined ? {} : { 'content-type': 'application/json' }),
                  },
                  ...(current.body === undefined ? { body: undefined } : { body: current.body }),
                };
              },
              onResponse: (status, body) => {
                if (status >= 300) {
                  const code = problemCode(status, body);
                  problems[code] = (problems[code] ?? 0) + 1;
                  if (problemSamples.length < 5) problemSamples.push(`${current?.label ?? ''} ${current?.path ?? ''}: ${body.slice(0, 300)}`);
                }
                driver.answered?.(status, body);
              },
            },
          ]);
        },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      latencies.record(labels.get(client)?.() ?? 'unknown', responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });

  const responses = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  const ok = Object.entries(statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    connections: options.connections,
    seconds: result.duration,
    responses,
    ok,
    non2xx: responses - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    okPerSecond: Math.round((ok / Math.max(result.duration, 0.001)) * 10) / 10,
    latency: latencies.all.summary(),
    byLabel: latencies.summaries(),
    statuses,
    problems,
    problemSamples,
    autocannon: { p50Ms: result.latency.p50, p99Ms: result.latency.p99, requestsPerSecondAverage: result.requests.average },
  };
}
