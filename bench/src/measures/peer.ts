import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '#runtime';
import { createDatabase, redacted } from '../service.js';
import type { BenchContext } from '../workload.js';
import {
  meanEventBytes,
  measureAppends,
  measureVariant,
  projectHistories,
  type Appender,
  type AppendsResult,
  type AppendVariant,
  type VariantFigures,
} from './appends.js';

/**
 * The project's appends beside a peer's: Emmett's PostgreSQL event store
 * (`@event-driven-io/emmett-postgresql`, a dev dependency used by the benchmark only), in
 * the same process, on the same PostgreSQL server, on the same work as the append measure
 * (appends.ts: the same writers, the generator's planned histories as payloads, the exact
 * expected revision, the same variants and durations). Each side gets a new database per
 * round, with the same number of connections (the service's DATABASE_POOL_SIZE). Rounds
 * alternate — project, peer, project, peer — so that the machine's drift (other work, the
 * server's caches, the disk) hits both.
 */

export interface PeerOptions {
  /** The PostgreSQL server (default DATABASE_URL). */
  databaseUrl?: string;
  variants: readonly AppendVariant[];
  durationSeconds: number;
  /** Rounds of each side: 2 gives project, peer, project, peer. */
  rounds: number;
  seed: number;
  today: string;
  log: BenchContext['log'];
}

export interface PeerSideRound extends VariantFigures, AppendVariant {
  side: 'project' | 'peer';
  round: number;
}

export interface PeerComparison extends AppendVariant {
  /** Events/s of each round, in the order they ran. */
  project: number[];
  peer: number[];
  /** Median of the project's rounds over the median of the peer's. */
  ratio: number;
  /** Worst and best pairing: the project's slowest round over the peer's fastest, and the other way round. */
  ratioRange: [number, number];
  projectP99Ms: (number | null)[];
  peerP99Ms: (number | null)[];
}

export interface PeerResult {
  peer: { name: string; version: string };
  connections: number;
  meanEventBytes: number;
  server?: AppendsResult['server'];
  rounds: PeerSideRound[];
  comparison: PeerComparison[];
}

const PEER = '@event-driven-io/emmett-postgresql';

export async function measurePeer(options: PeerOptions): Promise<PeerResult> {
  const templates = projectHistories(options.seed, options.today);
  const connections = loadConfig({ ...process.env, EVENT_STORE: 'postgres', READ_STORE: 'postgres' }).databasePoolSize;
  const rounds: PeerSideRound[] = [];
  let server: AppendsResult['server'] | undefined;
  for (let round = 1; round <= options.rounds; round++) {
    // The project: exactly the append measure, on a database of its own.
    const project = await measureAppends({
      profile: 'postgres',
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      variants: options.variants,
      durationSeconds: options.durationSeconds,
      seed: options.seed,
      today: options.today,
      log: () => undefined,
    });
    server ??= project[0]?.server;
    for (const result of project) rounds.push({ side: 'project', round, ...pick(result), writers: result.writers, eventsPerAppend: result.eventsPerAppend });
    options.log('peer: project', { round, eventsPerSecond: project.map((result) => result.eventsPerSecond) });

    const peer = await measureEmmett(options, templates, connections);
    for (const result of peer) rounds.push({ side: 'peer', round, ...result });
    options.log('peer: emmett', { round, eventsPerSecond: peer.map((result) => result.eventsPerSecond) });
  }
  return {
    peer: { name: PEER, version: await peerVersion() },
    connections,
    meanEventBytes: meanEventBytes(templates),
    ...(server ? { server } : {}),
    rounds,
    comparison: options.variants.map((variant) => compare(variant, rounds)),
  };
}

/** One round of the peer: a new database, Emmett's schema, every variant, the database dropped. */
async function measureEmmett(
  options: PeerOptions,
  templates: ReturnType<typeof projectHistories>,
  connections: number,
): Promise<(VariantFigures & AppendVariant)[]> {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const { STREAM_DOES_NOT_EXIST, isExpectedVersionConflictError } = await import('@event-driven-io/emmett');
  const database = await createDatabase(options.databaseUrl);
  // Emmett's own pool would be pg's default (10 connections): the same as the project's instead.
  const pool = new pg.Pool({ connectionString: database.url, max: connections });
  // An idle connection the server ends (someone's pg_terminate_backend) is an 'error' event:
  // unheard, it ends the process; heard, the round fails on its next use of the connection.
  let lost: Error | undefined;
  pool.on('error', (error) => {
    lost ??= error;
  });
  const store = getPostgreSQLEventStore(database.url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });
  try {
    await store.schema.migrate();
    const appender: Appender<bigint> = {
      append: async (streamId, events, expected) => {
        const appended = await store.appendToStream(
          streamId,
          // The project's event as Emmett takes one: its id is Emmett's messageId.
          events.map(({ id, type, data, metadata }) => ({ type, data, metadata: { ...metadata, messageId: id } })),
          { expectedStreamVersion: expected ?? STREAM_DOES_NOT_EXIST },
        );
        return appended.nextExpectedStreamVersion;
      },
      isConflict: isExpectedVersionConflictError,
    };
    const results: (VariantFigures & AppendVariant)[] = [];
    for (const [index, variant] of options.variants.entries()) {
      results.push({ ...variant, ...(await measureVariant(appender, variant, templates, options.durationSeconds, String.fromCharCode(65 + index))) });
    }
    if (lost) throw new Error(`a connection was ended during the round: ${lost.message}`);
    return results;
  } catch (error) {
    throw Object.assign(error as Error, { message: `${PEER} on ${redacted(database.url)}: ${(error as Error).message}` });
  } finally {
    await store.close();
    await pool.end();
    await database.drop();
  }
}

function pick(result: AppendsResult): VariantFigures {
  const { seconds, appends, events, eventsPerSecond, appendsPerSecond, streams, conflicts, latency, warmUpEvents, writersCpuPercent } = result;
  return { seconds, appends, events, eventsPerSecond, appendsPerSecond, streams, conflicts, latency, warmUpEvents, writersCpuPercent };
}

function compare(variant: AppendVariant, rounds: readonly PeerSideRound[]): PeerComparison {
  const of = (side: PeerSideRound['side']) =>
    rounds.filter((round) => round.side === side && round.writers === variant.writers && round.eventsPerAppend === variant.eventsPerAppend);
  const project = of('project');
  const peer = of('peer');
  const rate = (list: PeerSideRound[]) => list.map((round) => round.eventsPerSecond);
  const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1)) * 100) / 100;
  return {
    ...variant,
    project: rate(project),
    peer: rate(peer),
    ratio: ratio(median(rate(project)), median(rate(peer))),
    ratioRange: [ratio(Math.min(...rate(project)), Math.max(...rate(peer))), ratio(Math.max(...rate(project)), Math.min(...rate(peer)))],
    projectP99Ms: project.map((round) => round.latency.p99Ms),
    peerP99Ms: peer.map((round) => round.latency.p99Ms),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function peerVersion(): Promise<string> {
  // Its package.json is not among its exports: next to its entry point's dist/.
  const manifest = join(dirname(createRequire(import.meta.url).resolve(PEER)), '..', 'package.json');
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}
