import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type EventToAppend } from '#event-store';
import { loadConfig, openStorage } from '#runtime';
import { PgClient } from '#sql';
import { ACTORS } from '../../../apps/generator/src/actors.js';
import { planPortfolio } from '../../../apps/generator/src/portfolio-plan.js';
import { Latencies, type LatencySummary } from '../histogram.js';
import { createDatabase, redacted, type Profile } from '../service.js';
import type { BenchContext } from '../workload.js';

/**
 * Appends at the adapter: the event store opened in the benchmark's process by the
 * service's own openStorage (libs/runtime), with the service's configuration for the
 * profile (so its pool and how many appends it writes at once are the service's): PGlite
 * in a new data directory, or a new database on the PostgreSQL server. No HTTP, no domain,
 * no views: what the store itself can take. The variants run one after another in that
 * store. Each of `writers` concurrent writers appends to streams of its own, with the
 * exact expected revision (as the repository does), one append at a time, and starts a
 * new stream when the current one's planned history is written.
 */

export interface AppendVariant {
  writers: number;
  /** Events per append: 1 (a command's usual event) or a batch. */
  eventsPerAppend: number;
}

export interface AppendsOptions {
  profile: Profile;
  /** The PostgreSQL server of the postgres profile (default DATABASE_URL). */
  databaseUrl?: string;
  variants: readonly AppendVariant[];
  /** Seconds each variant is measured, after a short warm-up. */
  durationSeconds: number;
  seed: number;
  today: string;
  keepData?: boolean;
  log: BenchContext['log'];
}

export interface AppendsResult extends AppendVariant {
  profile: Profile;
  /** From the first append to the last answer: appends in flight at the deadline are waited for and counted. */
  seconds: number;
  appends: number;
  events: number;
  eventsPerSecond: number;
  appendsPerSecond: number;
  /** Streams written (each a project's planned history, or one batch's worth). */
  streams: number;
  /** WrongExpectedRevisionError answers: none expected, every writer owns its streams. */
  conflicts: number;
  /** Per append, from the call to its answer. */
  latency: LatencySummary;
  /** The warm-up's events (before the clock starts: connections opened, code warm). */
  warmUpEvents: number;
  /** Mean UTF-8 size of an event as appended (id, type, data and metadata as JSON). */
  meanEventBytes: number;
  /**
   * CPU the benchmark's process used while measuring, in % of one core: the writers, the
   * driver and, on the embedded profile, PGlite itself. The rest of the machine's cores
   * are what the PostgreSQL server (and anything else running) had.
   */
  writersCpuPercent: number;
  /** Connections of the pool, as the service's (DATABASE_POOL_SIZE) on the postgres profile; PGlite has one. */
  connections: number;
  store: string;
  /** The server's settings that decide what a commit costs (postgres profile). */
  server?: { version: string; synchronousCommit: string; fsync: string };
}

export async function measureAppends(options: AppendsOptions): Promise<AppendsResult[]> {
  const templates = projectHistories(options.seed, options.today);
  const results: AppendsResult[] = [];
  const opened = await openNewStore(options);
  try {
    for (const [index, variant] of options.variants.entries()) {
      const measured = await measureVariant(projectAppender(opened.events), variant, templates, options.durationSeconds, String.fromCharCode(65 + index));
      const result: AppendsResult = {
        ...variant,
        profile: options.profile,
        ...measured,
        meanEventBytes: meanEventBytes(templates),
        connections: opened.connections,
        store: opened.location,
        ...(opened.server ? { server: opened.server } : {}),
      };
      options.log('appends', { writers: variant.writers, eventsPerAppend: variant.eventsPerAppend, eventsPerSecond: result.eventsPerSecond, p99Ms: result.latency.p99Ms });
      results.push(result);
    }
  } finally {
    await opened.close();
  }
  return results;
}

/** What one variant measured, whichever store the writers appended to. */
export type VariantFigures = Pick<
  AppendsResult,
  'seconds' | 'appends' | 'events' | 'eventsPerSecond' | 'appendsPerSecond' | 'streams' | 'conflicts' | 'latency' | 'warmUpEvents' | 'writersCpuPercent'
>;

/**
 * A store as the writers see it: an append with the exact expected revision (undefined:
 * the stream must not exist yet) answering the next one. The project's store and the
 * peer's (peer.ts) count revisions differently; the writers only hand them back.
 */
export interface Appender<Revision> {
  append(streamId: string, events: EventToAppend[], expected: Revision | undefined): Promise<Revision>;
  /** The store's "wrong expected revision" answer. */
  isConflict(error: unknown): boolean;
}

export function projectAppender(store: EventStore): Appender<number> {
  return {
    append: async (streamId, events, expected) => (await store.append(streamId, events, expected ?? 'no_stream')).nextExpectedRevision,
    isConflict: (error) => error instanceof WrongExpectedRevisionError,
  };
}

/**
 * One variant on one store: a short, unrecorded warm-up (the pool opens its connections,
 * V8 and the server warm up), then `durationSeconds` measured. `tag` makes the stream ids
 * differ from every other run's in the same store (`project-BMA.<tag><pass><writer>.<n>`).
 */
export async function measureVariant<Revision>(
  appender: Appender<Revision>,
  variant: AppendVariant,
  templates: readonly EventTemplate[][],
  durationSeconds: number,
  tag: string,
): Promise<VariantFigures> {
  const warmUp = await drive(appender, variant, templates, Math.min(1, durationSeconds / 4), `${tag}W`);
  const latency = new Latencies();
  const cpuBefore = process.cpuUsage();
  const measured = await drive(appender, variant, templates, durationSeconds, `${tag}M`, latency);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Math.max(measured.seconds, 0.001);
  return {
    seconds: round(measured.seconds, 2),
    appends: measured.appends,
    events: measured.events,
    eventsPerSecond: Math.round(measured.events / seconds),
    appendsPerSecond: round(measured.appends / seconds, 1),
    streams: measured.streams,
    conflicts: measured.conflicts,
    latency: latency.summary(),
    warmUpEvents: warmUp.events,
    writersCpuPercent: Math.round((cpu.user + cpu.system) / 1e4 / seconds),
  };
}

/** Mean UTF-8 size of an event as appended (id, type, data and metadata as JSON). */
export function meanEventBytes(templates: readonly EventTemplate[][]): number {
  return Math.round(mean(templates.flat().map((template) => Buffer.byteLength(JSON.stringify(eventsOf([template])[0])))));
}

/** An event as a project's stream records it, without what differs per append (id, instants). */
export interface EventTemplate {
  type: string;
  data: Record<string, unknown>;
  metadata: Pick<EventMetadata, 'actorId' | 'actorRole' | 'schemaVersion' | 'previousHash' | 'hash'> & { idempotencyKey: string };
}

/**
 * The histories of 100 planned projects (the generator's plan, so the portfolio's mix of
 * lifecycle steps and sizes): each step's body is its event's data, with the `at` and the
 * actor every project event carries; the type is the command's name (the adapter stores
 * types as opaque text). About 0.7 KB an event, like the service's own project events.
 * The hash chain's two hashes are random, of the real size, made once per template: the
 * adapter stores them without checking, and hashing every event would spend CPU of the
 * two cores the store is measured on.
 */
export function projectHistories(seed: number, today: string): EventTemplate[][] {
  const plan = planPortfolio({ seed: seed * 1_000 + 303, projects: 100, prefix: 'BMA', fund: false, today });
  return plan.projects.map((project) =>
    project.steps.map((step, index) => ({
      type: step.command,
      data: { ...step.body, recordedBy: step.actor },
      metadata: {
        actorId: step.actor,
        actorRole: ACTORS[step.actor][0],
        schemaVersion: 1,
        previousHash: randomBytes(32).toString('hex'),
        hash: randomBytes(32).toString('hex'),
        idempotencyKey: `bench:BMA:${seed}:${today}:${project.projectId}:${index}`,
      },
    })),
  );
}

/** One append's events: fresh ids, recorded now, one command's correlation. */
export function eventsOf(templates: readonly EventTemplate[]): EventToAppend[] {
  const recordedAt = new Date().toISOString();
  const correlationId = randomUUID();
  return templates.map((template) => ({
    id: randomUUID(),
    type: template.type,
    data: { ...template.data, at: recordedAt },
    metadata: { ...template.metadata, recordedAt, correlationId, causationId: correlationId },
  }));
}

/**
 * `variant.writers` writers appending until `seconds` have passed. A stream's history is
 * the next project's events, or as many projects' as fill whole batches (cut to a
 * multiple of the batch), so every append carries exactly `eventsPerAppend` events.
 */
async function drive<Revision>(
  appender: Appender<Revision>,
  variant: AppendVariant,
  histories: readonly EventTemplate[][],
  seconds: number,
  /** Makes the stream ids of this run differ from every other's in the store. */
  tag: string,
  latency?: Latencies,
): Promise<{ seconds: number; appends: number; events: number; streams: number; conflicts: number }> {
  let appends = 0;
  let events = 0;
  let streams = 0;
  let conflicts = 0;
  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  await Promise.all(
    Array.from({ length: variant.writers }, async (_, writer) => {
      let nextHistory = writer * 7; // writers start at different projects of the plan
      let stream = { id: '', revision: undefined as Revision | undefined, pending: [] as EventTemplate[] };
      while (performance.now() < deadline) {
        if (stream.pending.length === 0) {
          const pending: EventTemplate[] = [];
          do pending.push(...histories[nextHistory++ % histories.length]!);
          while (pending.length < variant.eventsPerAppend);
          pending.length -= pending.length % variant.eventsPerAppend;
          stream = { id: `project-BMA.${tag}${writer}.${streams++}`, revision: undefined, pending };
        }
        const batch = eventsOf(stream.pending.splice(0, variant.eventsPerAppend));
        const sentAt = performance.now();
        try {
          stream.revision = await appender.append(stream.id, batch, stream.revision);
          latency?.record(performance.now() - sentAt);
          appends += 1;
          events += batch.length;
        } catch (error) {
          if (!appender.isConflict(error)) throw error;
          conflicts += 1;
          stream.pending = [];
        }
      }
    }),
  );
  return { seconds: (performance.now() - startedAt) / 1000, appends, events, streams, conflicts };
}

/**
 * A new, empty store of the profile, opened as the service opens it: its configuration is
 * the service's (the environment, so DATABASE_POOL_SIZE too), pointed at a new data
 * directory or database; `close` also removes it, unless asked to keep it.
 */
export async function openNewStore(options: Pick<AppendsOptions, 'profile' | 'databaseUrl' | 'keepData'>): Promise<{
  events: EventStore;
  connections: number;
  location: string;
  server: AppendsResult['server'] | undefined;
  close: () => Promise<void>;
}> {
  const place =
    options.profile === 'postgres'
      ? await createDatabase(options.databaseUrl).then((database) => ({ env: { DATABASE_URL: database.url }, location: redacted(database.url), remove: database.drop }))
      : await mkdtemp(join(tmpdir(), 'portfolio-ledger-bench-appends-')).then((dataDir) => ({
          env: { DATA_DIR: dataDir },
          location: dataDir,
          remove: () => rm(dataDir, { recursive: true, force: true }),
        }));
  const remove = () => (options.keepData ? Promise.resolve() : place.remove());
  try {
    const config = loadConfig({ ...process.env, EVENT_STORE: options.profile, READ_STORE: options.profile, ...place.env });
    let server: AppendsResult['server'] | undefined;
    if (options.profile === 'postgres') {
      // What a commit costs on the server: read once, on a connection of its own.
      const admin = await PgClient.connect(config.databaseUrl, { max: 1 });
      try {
        [server] = await admin.query<NonNullable<AppendsResult['server']>>(
          `SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS "synchronousCommit",
                  current_setting('fsync') AS fsync`,
        );
      } finally {
        await admin.close();
      }
    }
    const storage = await openStorage(config, { migrate: true });
    return {
      events: storage.events,
      connections: options.profile === 'postgres' ? config.databasePoolSize : 1,
      location: place.location,
      server,
      close: async () => {
        await storage.close();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
