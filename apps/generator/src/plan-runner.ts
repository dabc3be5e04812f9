import { setTimeout as sleep } from 'node:timers/promises';
import { usd } from './dates-and-money.js';
import type { EnvelopePlan, PortfolioPlan, Step } from './portfolio-plan.js';
import type { Tokens } from './tokens.js';

/**
 * Sends a plan to a running service over HTTP, the way its users would: envelopes first (an
 * admin opens them, or makes room in one already open), then the donors' contributions,
 * then the projects, several at a time (each project's commands in order, one after the
 * other). Every command carries an Idempotency-Key derived from the plan, so a command
 * retried after a dropped connection or a 503 is recorded once.
 */

export interface RunOptions {
  baseUrl: string;
  tokens: Tokens;
  /** Projects in flight at once (default 8). */
  concurrency?: number;
  /** Send Idempotency-Key headers (default true). */
  idempotencyKeys?: boolean;
  /** Report progress this often (default 1000 ms). */
  progressEveryMs?: number;
  onProgress?: (progress: Progress) => void;
  /** Skip the rest of a project whose command failed and go on with the others (default: stop). */
  keepGoing?: boolean;
  /** Each command's answer: its type, how long it took and its status (for latency figures). */
  onAnswer?: (command: string, milliseconds: number, status: number) => void;
}

export interface Progress {
  phase: 'envelopes' | 'contributions' | 'projects' | 'done';
  /** Commands answered as expected. */
  done: number;
  total: number;
  failed: number;
  projectsDone: number;
  projects: number;
  /** Commands per second over the last interval, and since the start. */
  rate: number;
  averageRate: number;
  elapsedSeconds: number;
}

export interface Failure {
  projectId?: string;
  command: string;
  path: string;
  expected: number;
  status: number;
  body: string;
}

export interface RunResult {
  commands: number;
  failures: Failure[];
  seconds: number;
  /** Commands per second, over the whole run. */
  rate: number;
  /** The highest global position a command answered with (for read-your-writes). */
  lastPosition: string | undefined;
}

export class PlanRunFailed extends Error {
  constructor(readonly failure: Failure) {
    super(
      `${failure.command} ${failure.path}${failure.projectId ? ` (${failure.projectId})` : ''} answered ${failure.status}, expected ${failure.expected}: ${failure.body.slice(0, 600)}`,
    );
  }
}

const RETRIES = 6;

export async function runPlan(plan: PortfolioPlan, options: RunOptions): Promise<RunResult> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const useKeys = options.idempotencyKeys ?? true;
  const keyPrefix = `gen:${plan.prefix}:${plan.seed}:${plan.today}`;
  const failures: Failure[] = [];
  let done = 0;
  let projectsDone = 0;
  let phase: Progress['phase'] = 'envelopes';
  let lastPosition: string | undefined;
  const startedAt = performance.now();
  let lastTick = { at: startedAt, done: 0 };

  const progress = (): Progress => {
    const now = performance.now();
    const rate = ((done - lastTick.done) * 1000) / Math.max(now - lastTick.at, 1);
    lastTick = { at: now, done };
    const elapsedSeconds = (now - startedAt) / 1000;
    return {
      phase,
      done,
      total: plan.commandCount,
      failed: failures.length,
      projectsDone,
      projects: plan.projects.length,
      rate: Math.round(rate),
      averageRate: Math.round(done / Math.max(elapsedSeconds, 0.001)),
      elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
    };
  };
  const timer = options.onProgress ? setInterval(() => options.onProgress!(progress()), options.progressEveryMs ?? 1000) : undefined;

  const http = async (step: Pick<Step, 'actor' | 'path' | 'body'> & { method: string }, key: string | undefined, headers: Record<string, string> = {}) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(`${options.baseUrl}${step.path}`, {
          method: step.method,
          headers: {
            authorization: `Bearer ${options.tokens[step.actor]}`,
            ...(step.method === 'POST' ? { 'content-type': 'application/json' } : {}),
            ...(key !== undefined && useKeys ? { 'idempotency-key': key } : {}),
            ...headers,
          },
          ...(step.method === 'POST' ? { body: JSON.stringify(step.body) } : {}),
        });
        const text = await response.text();
        // A store that is briefly away: try again; the key makes the retry record nothing
        // twice (its events carry it, docs/adr/0016).
        if (response.status === 503 && attempt < RETRIES) {
          await sleep(50 * 2 ** attempt);
          continue;
        }
        return { status: response.status, text, etag: response.headers.get('etag') };
      } catch (error) {
        if (attempt >= RETRIES) return { status: -1, text: String((error as Error)?.message ?? error), etag: null };
        await sleep(50 * 2 ** attempt);
      }
    }
  };

  const notePosition = (text: string) => {
    const position = positionIn(text);
    if (position !== undefined && (lastPosition === undefined || comparePositions(position, lastPosition) > 0)) lastPosition = position;
  };

  const send = async (step: Step, key: string, projectId?: string): Promise<boolean> => {
    const sentAt = performance.now();
    const reply = await http(step, key);
    options.onAnswer?.(step.command, performance.now() - sentAt, reply.status);
    if (reply.status === step.expect) {
      done += 1;
      notePosition(reply.text);
      return true;
    }
    const failure = { ...(projectId ? { projectId } : {}), command: step.command, path: step.path, expected: step.expect, status: reply.status, body: reply.text };
    failures.push(failure);
    if (!options.keepGoing) throw new PlanRunFailed(failure);
    return false;
  };

  try {
    for (const envelope of plan.envelopes) {
      await ensureEnvelope(envelope, http, notePosition, failures, options.keepGoing ?? false);
      done += 1;
    }
    phase = 'contributions';
    for (const [index, step] of plan.contributions.entries()) await send(step, `${keyPrefix}:fund:${index}`);

    phase = 'projects';
    let next = 0;
    let stop: unknown;
    const worker = async () => {
      while (stop === undefined && next < plan.projects.length) {
        const project = plan.projects[next++]!;
        try {
          for (const [index, step] of project.steps.entries()) {
            if (stop !== undefined) return;
            if (!(await send(step, `${keyPrefix}:${project.projectId}:${index}`, project.projectId))) break;
          }
          projectsDone += 1;
        } catch (error) {
          stop ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, plan.projects.length) }, worker));
    if (stop !== undefined) throw stop;
    phase = 'done';
  } finally {
    if (timer) clearInterval(timer);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  options.onProgress?.(progress());
  return { commands: done, failures, seconds, rate: done / Math.max(seconds, 0.001), lastPosition };
}

type Http = (
  step: Pick<Step, 'actor' | 'path' | 'body'> & { method: string },
  key: string | undefined,
  headers?: Record<string, string>,
) => Promise<{ status: number; text: string; etag: string | null }>;

/** Opens the envelope, or — when it is already open — makes room in it for this plan. */
async function ensureEnvelope(envelope: EnvelopePlan, http: Http, notePosition: (text: string) => void, failures: Failure[], keepGoing: boolean): Promise<void> {
  const path = `/envelopes/${envelope.year}/${envelope.fundingLine}`;
  const fail = (command: string, failurePath: string, expected: number, reply: { status: number; text: string }) => {
    const failure = { command, path: failurePath, expected, status: reply.status, body: reply.text };
    failures.push(failure);
    if (!keepGoing) throw new PlanRunFailed(failure);
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await http({ actor: 'ada', method: 'GET', path, body: {} }, undefined);
    if (current.status === 404) {
      const opened = await http(
        { actor: 'ada', method: 'POST', path: '/envelopes', body: { year: envelope.year, fundingLine: envelope.fundingLine, amount: usd(envelope.amount) } },
        undefined,
      );
      if (opened.status === 201) return notePosition(opened.text);
      if (opened.status === 409 && opened.text.includes('envelope.already-open')) continue;
      return fail('OpenEnvelope', '/envelopes', 201, opened);
    }
    if (current.status !== 200) return fail('GetEnvelope', path, 200, current);
    const size = centsOf((JSON.parse(current.text) as { amount: string }).amount);
    const adjusted = await http(
      {
        actor: 'ada',
        method: 'POST',
        path: `${path}/adjustments`,
        body: { amount: usd(size + envelope.amount), reason: 'Room for the projects of a generated portfolio' },
      },
      undefined,
      current.etag ? { 'if-match': current.etag } : {},
    );
    if (adjusted.status === 200) return notePosition(adjusted.text);
    if (adjusted.status === 412) continue;
    return fail('AdjustEnvelope', `${path}/adjustments`, 200, adjusted);
  }
  fail('OpenEnvelope', path, 201, { status: 412, text: 'the envelope kept changing under the generator' });
}

function centsOf(amount: string): number {
  const [whole, fraction = '0'] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function positionIn(text: string): string | undefined {
  const match = /"position":"([^"]+)"/.exec(text);
  return match?.[1];
}

/**
 * Global positions are "<commit>-<prepare>" pairs of integers ("753-12"); a position of
 * another shape compares as later (the last one seen wins).
 */
export function comparePositions(a: string, b: string): number {
  const pa = POSITION.exec(a);
  const pb = POSITION.exec(b);
  if (!pa || !pb) return 1;
  const [a1, a2, b1, b2] = [BigInt(pa[1]!), BigInt(pa[2]!), BigInt(pb[1]!), BigInt(pb[2]!)];
  return a1 !== b1 ? (a1 < b1 ? -1 : 1) : a2 !== b2 ? (a2 < b2 ? -1 : 1) : 0;
}

const POSITION = /^(-?\d+)-(-?\d+)$/;
