import { usd, yearOf } from '../../apps/generator/src/dates-and-money.js';
import { planPortfolio, type ProjectScript, type Step } from '../../apps/generator/src/portfolio-plan.js';
import type { Tokens } from '../../apps/generator/src/tokens.js';

/** What every measure gets: the service, tokens for its people, the plan's date and seed. */
export interface BenchContext {
  baseUrl: string;
  tokens: Tokens;
  today: string;
  seed: number;
  /** Progress for the person watching (stderr). */
  log: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * An endless supply of fresh projects, each with its whole lifecycle as the generator plans
 * it (so the commands are the portfolio's natural mix of lifecycle steps), planned 100 at a
 * time with ids `<prefix>.<n>` that no other measure uses.
 */
export class ProjectStream {
  private chunk: ProjectScript[] = [];
  private position = 0;
  private chunks = 0;

  constructor(
    private readonly seed: number,
    private readonly prefix: string,
    private readonly today: string,
  ) {}

  next(): ProjectScript {
    if (this.position >= this.chunk.length) {
      this.chunk = planPortfolio({
        seed: this.seed * 1_000 + this.chunks,
        projects: 100,
        prefix: this.prefix,
        first: 1 + this.chunks * 100,
        fund: false,
        today: this.today,
      }).projects;
      this.chunks += 1;
      this.position = 0;
    }
    return this.chunk[this.position++]!;
  }
}

/** A connection's walk through projects: one project's commands in order, then the next project. */
export class ProjectCursor {
  private project: ProjectScript | undefined;
  private step = 0;
  /** The command last handed out (the one whose answer is awaited). */
  current: { step: Step; projectId: string } | undefined;

  constructor(private readonly stream: ProjectStream) {}

  /** After a refusal the rest of that project would fail too: move on to a new project. */
  abandonProject(): void {
    this.project = undefined;
  }

  next(): { step: Step; projectId: string } {
    if (!this.project || this.step >= this.project.steps.length) {
      this.project = this.stream.next();
      this.step = 0;
    }
    this.current = { step: this.project.steps[this.step++]!, projectId: this.project.projectId };
    return this.current;
  }
}

/**
 * Opens (or enlarges) every envelope the measure's projects may reserve from, by a sum no
 * benchmark will exhaust: a refusal for an exhausted envelope would measure nothing useful.
 */
export async function makeRoomInEnvelopes(context: BenchContext, amountUsd = 1_000_000_000): Promise<void> {
  const year = yearOf(context.today);
  const admin = context.tokens.ada;
  for (let y = year - 6; y <= year + 1; y += 1) {
    for (const line of [1, 2] as const) {
      const path = `/envelopes/${y}/${line}`;
      // Read, then grow: again from the read when the connection failed (a keep-alive socket
      // the API closed as it was reused — seen once, after a 15-second query measure). An
      // adjustment whose answer was lost is seen by the next read: the envelope only grows more.
      await onNetworkFailureAgain(`make room in the envelope ${y}/${line}`, async () => {
        const current = await fetch(`${context.baseUrl}${path}`, { headers: { authorization: `Bearer ${admin}` } });
        const body = (await current.json()) as { amount?: string };
        let reply: Response;
        if (current.status === 404) {
          reply = await post(context, admin, '/envelopes', { year: y, fundingLine: line, amount: usd(amountUsd * 100) });
        } else {
          const [whole, fraction = '0'] = String(body.amount).split('.');
          const size = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
          reply = await post(context, admin, `${path}/adjustments`, { amount: usd(size + amountUsd * 100), reason: 'Room for the benchmark' });
        }
        if (!reply.ok) throw new Error(`could not make room in the envelope ${y}/${line}: ${reply.status} ${await reply.text()}`);
        await reply.text();
      });
    }
  }
}

/**
 * `step`, tried up to three times when fetch fails below HTTP (a TypeError: the connection
 * was refused, reset or closed); an HTTP answer, whatever its status, is not tried again.
 */
async function onNetworkFailureAgain(what: string, step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof TypeError) || attempt === 3) throw error;
      const cause = (error as Error & { cause?: unknown }).cause;
      process.stderr.write(`[bench] ${what}: ${error.message} (${String((cause as Error | undefined)?.message ?? cause)}); again\n`);
    }
  }
}

async function post(context: BenchContext, token: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${context.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Waits until a query with `minPosition` answers 200 (the views have applied the feed that far). */
export async function waitForViews(context: BenchContext, position: string | undefined, timeoutMs = 600_000): Promise<number> {
  const startedAt = performance.now();
  if (position === undefined) return 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await fetch(`${context.baseUrl}/portfolio?limit=1&minPosition=${encodeURIComponent(position)}`, {
      headers: { authorization: `Bearer ${context.tokens.aurelia}` },
    });
    await reply.text();
    if (reply.status === 200) return (performance.now() - startedAt) / 1000;
    if (reply.status !== 503) throw new Error(`GET /portfolio?minPosition=${position} answered ${reply.status}`);
    if (Date.now() > deadline) throw new Error(`the views did not reach ${position} in ${timeoutMs} ms`);
  }
}

/** The `code` of an RFC 9457 problem body, or the status when there is none. */
export function problemCode(status: number, body: string): string {
  const match = /"code":"([^"]+)"/.exec(body);
  return match ? `${status} ${match[1]}` : String(status);
}
