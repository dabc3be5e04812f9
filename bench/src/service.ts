import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * The service under test, as the operating-system processes `npm start` (and, on the
 * postgres profile, `npm run start:projector`) run: the compiled API from dist/, never the
 * benchmark's own process, so that the load generator does not share its event loop.
 */

export type Profile = 'embedded' | 'postgres';

const API_MAIN = 'dist/apps/api/src/main.js';
const PROJECTOR_MAIN = 'dist/apps/projector/src/main.js';

export interface ServiceOptions {
  profile: Profile;
  /** The repository root (where dist/ is). */
  root: string;
  /** PostgreSQL server for the postgres profile; a fresh database is created on it. */
  databaseUrl?: string;
  /** Extra environment for the service processes. */
  env?: Record<string, string>;
  /** Keep the data directory / database afterwards. */
  keepData?: boolean;
  /** Write V8 CPU profiles of the service's processes here (node --cpu-prof), written when they stop. */
  cpuProfileDir?: string;
}

export class ServiceUnderTest {
  private constructor(
    readonly profile: Profile,
    readonly baseUrl: string,
    readonly jwtSecret: string,
    readonly api: ManagedProcess,
    readonly projector: ManagedProcess | undefined,
    private readonly cleanup: () => Promise<void>,
    /** Where the data lives: a directory (embedded) or a database URL without credentials. */
    readonly dataLocation: string,
  ) {}

  static async start(options: ServiceOptions): Promise<ServiceUnderTest> {
    const main = resolve(options.root, API_MAIN);
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    const jwtSecret = randomBytes(36).toString('base64url');
    const dataDir = await mkdtemp(join(tmpdir(), 'portfolio-ledger-bench-'));
    const port = await freePort();
    // The API serves /metrics on a port of its own (not its public one): the heap is read there.
    const metricsPort = await freePort();
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      EVENT_STORE: options.profile,
      READ_STORE: options.profile,
      ...options.env,
    };
    let database: { url: string; drop: () => Promise<void> } | undefined;
    if (options.profile === 'postgres') {
      database = await createDatabase(options.databaseUrl);
      env.DATABASE_URL = database.url;
    }
    // Once, however many ask: a harness stopping the service and an interruption may both
    // clean up, and the interrupted process must not exit while the other removal is still
    // under way (it stays pending until it is done).
    let cleaning: Promise<void> | undefined;
    const cleanup = (): Promise<void> =>
      (cleaning ??= (async () => {
        try {
          if (options.keepData) return;
          await rm(dataDir, { recursive: true, force: true });
          await database?.drop();
        } catch (error) {
          process.stderr.write(`[bench] could not remove the service's data (${database ? redacted(database.url) : dataDir}): ${String(error)}\n`);
          throw error;
        } finally {
          pendingCleanups.delete(cleanup);
        }
      })());
    pendingCleanups.add(cleanup);
    let api: ManagedProcess | undefined;
    let projector: ManagedProcess | undefined;
    try {
      const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
      api = ManagedProcess.spawn('api', main, options.root, env, nodeArgs);
      const baseUrl = `http://127.0.0.1:${port}`;
      await api.waitUntilHealthy(`${baseUrl}/health`);
      api.metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      if (options.profile === 'postgres') {
        const projectorPort = await freePort();
        projector = ManagedProcess.spawn('projector', resolve(options.root, PROJECTOR_MAIN), options.root, { ...env, PROJECTOR_PORT: String(projectorPort) }, nodeArgs);
        await projector.waitUntilHealthy(`http://127.0.0.1:${projectorPort}/health`);
        projector.metricsUrl = `http://127.0.0.1:${projectorPort}/metrics`;
      }
      const location = database ? redacted(database.url) : dataDir;
      return new ServiceUnderTest(options.profile, baseUrl, jwtSecret, api, projector, cleanup, location);
    } catch (error) {
      await projector?.stop();
      await api?.stop();
      await cleanup();
      throw error;
    }
  }

  /** Every process of the service, for memory sampling. */
  processes(): ManagedProcess[] {
    return this.projector ? [this.api, this.projector] : [this.api];
  }

  async stop(): Promise<void> {
    await this.projector?.stop();
    await this.api.stop();
    await this.cleanup();
  }
}

export class ManagedProcess {
  private readonly output: string[] = [];
  /** Its Prometheus metrics (the V8 heap beside the RSS), once it is up. */
  metricsUrl: string | undefined;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static spawn(name: string, main: string, cwd: string, env: Record<string, string>, nodeArgs: readonly string[] = []): ManagedProcess {
    stopChildrenWhenInterrupted();
    const child = spawn(process.execPath, [...nodeArgs, main], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const managed = new ManagedProcess(name, child);
    liveChildren.add(managed);
    child.once('exit', () => liveChildren.delete(managed));
    return managed;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  log(): string {
    return this.output.join('');
  }

  async waitUntilHealthy(url: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the ${this.name} exited with ${this.child.exitCode ?? this.child.signalCode}:\n${this.log()}`);
      try {
        const reply = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        await reply.text();
        if (reply.ok) return;
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    throw new Error(`the ${this.name} did not become healthy in ${timeoutMs} ms:\n${this.log()}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited after 15 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The service processes running now, and the data of services not yet cleaned up. */
const liveChildren = new Set<ManagedProcess>();
const pendingCleanups = new Set<() => Promise<void>>();
let interruptionHandled = false;

/**
 * A benchmark stopped with Ctrl-C or `kill` stops the service it started and removes its
 * data (unless kept), as a finished one does: its API and projector would otherwise go on
 * running, unseen, and take the cores from whatever runs next. Whatever else ends the
 * process, its children do not outlive it.
 */
function stopChildrenWhenInterrupted(): void {
  if (interruptionHandled) return;
  interruptionHandled = true;
  const codes = { SIGINT: 130, SIGTERM: 143 } as const;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`[bench] ${signal}: stopping the service under test\n`);
      void Promise.allSettled([...liveChildren].map((child) => child.stop()))
        .then(() => Promise.allSettled([...pendingCleanups].map((cleanup) => cleanup())))
        .finally(() => process.exit(codes[signal]));
    });
  }
  process.once('exit', () => {
    for (const child of liveChildren) child.child.kill('SIGKILL');
  });
}

/**
 * Samples the resident set size (VmRSS) of the service's processes from /proc, labelled
 * with the phase of the benchmark running at the time; every second also the V8 heap in use
 * and reserved, from their /metrics: what the live objects need against what the process
 * holds.
 */
export class MemorySampler {
  private readonly samples: { at: number; phase: string; process: string; rssMb: number }[] = [];
  private readonly heapSamples: { phase: string; process: string; usedMb: number; totalMb: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  phase = 'start';

  constructor(
    private readonly processes: readonly ManagedProcess[],
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sample();
  }

  private async sample(): Promise<void> {
    const withHeap = this.ticks++ % Math.max(1, Math.round(1000 / this.everyMs)) === 0;
    for (const process of this.processes) {
      const status = await procStatus(process.pid);
      if (status?.VmRSS !== undefined) this.samples.push({ at: Date.now(), phase: this.phase, process: process.name, rssMb: status.VmRSS / 1024 });
      if (withHeap && process.metricsUrl) {
        const heap = await heapOf(process.metricsUrl);
        if (heap) this.heapSamples.push({ phase: this.phase, process: process.name, ...heap });
      }
    }
  }

  /** Per process: peak and median RSS over the run, peak per phase, the kernel's own peak (VmHWM). */
  async summary(): Promise<
    Record<
      string,
      {
        samples: number;
        maxMb: number;
        medianMb: number;
        lastMb: number;
        peakHwmMb: number | null;
        maxByPhaseMb: Record<string, number>;
        /** The V8 heap: at most in use, and reserved, over the run and per phase (absent when /metrics was not read). */
        heap?: { usedMaxMb: number; totalMaxMb: number; usedMaxByPhaseMb: Record<string, number> };
      }
    >
  > {
    const result: Awaited<ReturnType<MemorySampler['summary']>> = {};
    for (const process of this.processes) {
      const own = this.samples.filter((sample) => sample.process === process.name);
      if (own.length === 0) continue;
      const sorted = own.map((sample) => sample.rssMb).sort((a, b) => a - b);
      const byPhase: Record<string, number> = {};
      for (const sample of own) byPhase[sample.phase] = Math.max(byPhase[sample.phase] ?? 0, round1(sample.rssMb));
      const status = await procStatus(process.pid);
      const heap = this.heapSamples.filter((sample) => sample.process === process.name);
      const usedByPhase: Record<string, number> = {};
      for (const sample of heap) usedByPhase[sample.phase] = Math.max(usedByPhase[sample.phase] ?? 0, round1(sample.usedMb));
      result[process.name] = {
        samples: own.length,
        maxMb: round1(sorted[sorted.length - 1]!),
        medianMb: round1(sorted[Math.floor(sorted.length / 2)]!),
        lastMb: round1(own[own.length - 1]!.rssMb),
        peakHwmMb: status?.VmHWM !== undefined ? round1(status.VmHWM / 1024) : null,
        maxByPhaseMb: byPhase,
        ...(heap.length > 0
          ? {
              heap: {
                usedMaxMb: round1(Math.max(...heap.map((sample) => sample.usedMb))),
                totalMaxMb: round1(Math.max(...heap.map((sample) => sample.totalMb))),
                usedMaxByPhaseMb: usedByPhase,
              },
            }
          : {}),
      };
    }
    return result;
  }
}

/** The V8 heap in use and reserved, in MB, from a process's Prometheus metrics; undefined when they cannot be read. */
async function heapOf(metricsUrl: string): Promise<{ usedMb: number; totalMb: number } | undefined> {
  try {
    const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(2_000) })).text();
    const gauge = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN) / 1_048_576;
    const usedMb = gauge('nodejs_heap_size_used_bytes');
    const totalMb = gauge('nodejs_heap_size_total_bytes');
    return Number.isFinite(usedMb) && Number.isFinite(totalMb) ? { usedMb, totalMb } : undefined;
  } catch {
    return undefined;
  }
}

/** The kB fields of /proc/<pid>/status (VmRSS, VmHWM, …); undefined when it cannot be read. */
async function procStatus(pid: number): Promise<Record<string, number> | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const fields: Record<string, number> = {};
    for (const match of text.matchAll(/^(Vm\w+):\s+(\d+) kB$/gm)) fields[match[1]!] = Number(match[2]);
    return fields;
  } catch {
    return undefined;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A fresh, empty database on the server of `serverUrl` (default DATABASE_URL, else this
 * machine's), dropped by `drop()`: the service's on the postgres profile, and the append
 * measure's. Not `#sql/testing`'s createTemporaryDatabase: that is test code, not in dist/.
 */
export async function createDatabase(
  serverUrl: string = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `portfolio_ledger_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`the postgres profile needs a PostgreSQL server at ${redacted(serverUrl)} (DATABASE_URL): ${(error as Error).message}`);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
