import { Counter, Histogram, type Registry } from 'prom-client';

export type CommandOutcome = 'accepted' | 'refused' | 'failed';

/**
 * What the API's answers say, as Prometheus series: latency by route pattern (never the raw
 * URL: ids would make the series unbounded) and status, and commands by type, outcome and
 * problem code: refusals by code are the domain's own alarms (envelope exhausted, conflicts).
 */
export class RequestMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  private readonly commands: Counter<'command' | 'outcome' | 'code'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from a request to its answer, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.commands = new Counter({
      name: 'portfolio_ledger_commands_total',
      help: 'Commands by type and outcome (accepted, refused with a 4xx, failed with a 5xx), with the problem code of those not accepted.',
      labelNames: ['command', 'outcome', 'code'],
      registers: [registry],
    });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.duration.observe({ method, route, status: String(status) }, seconds);
  }

  command(command: string, status: number, code: string | undefined): void {
    if (status < 400) return void this.commands.inc({ command, outcome: 'accepted' });
    this.commands.inc({ command, outcome: status >= 500 ? 'failed' : 'refused', code: code ?? 'unknown' });
  }
}
