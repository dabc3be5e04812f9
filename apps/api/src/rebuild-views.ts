/**
 * Rebuilds views from the start of the feed, showing progress:
 *
 *     npm run rebuild                 # every view
 *     npm run rebuild -- portfolio    # one view (portfolio, envelopes, contributions, audit-trail)
 *
 * With the service running (same PORT / DATA_DIR / JWT_SECRET), it asks the service to do
 * it (the service keeps answering from the old views until the new ones have caught up).
 * With the service stopped (or on the postgres profile, with no API answering), it rebuilds
 * directly in the configured stores.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { formatPosition } from '#event-store';
import { ALL_PROJECTIONS, Projector, type RebuildProgress } from '#read-models';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { tokenLimitsOf } from './auth/token-claims.js';
import { TokenService } from './auth/token-service.js';
import { loadConfig, openStorage, type AppConfig } from '#runtime';

interface JobView {
  id: string;
  state: 'running' | 'done' | 'failed';
  error?: string;
  progress: Record<string, { state: string; eventsDone: number; eventsPerSecond: number; checkpoint: string; target: string | null }>;
}

async function main(): Promise<void> {
  const names = ALL_PROJECTIONS.map((p) => p.name);
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown view(s): ${unknown.join(', ')}; the views are ${names.join(', ')}\n`);
    process.exit(2);
  }
  const projections = wanted.length > 0 ? wanted : names;
  const config = loadConfig();
  const viaService = await rebuildThroughService(config, projections);
  if (!viaService) await rebuildDirectly(config, projections);
}

async function rebuildThroughService(config: AppConfig, projections: string[]): Promise<boolean> {
  const base = `http://127.0.0.1:${config.port}`;
  const secret = await resolveJwtSecret(config);
  if (secret === undefined) {
    // A provider's tokens only: this command cannot sign in, and must not rebuild beside a running service.
    const running = await fetch(`${base}/health`).then(() => true, () => false);
    if (running) throw new Error(`the service on ${base} accepts its provider's tokens only: POST /admin/read-models/rebuilds with an admin's token`);
    return false;
  }
  // The default lifetime (8 h, or JWT_MAX_TTL if shorter): the command polls the job until it ends.
  const token = await new TokenService(secret, tokenLimitsOf(config)).mint('rebuild-command', ['admin']);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // Every view: one job, one pass over the feed. Some: a job each (the API takes one or all).
  const every = ALL_PROJECTIONS.every((projection) => projections.includes(projection.name));
  const requests = every ? [{}] : projections.map((projection) => ({ projection }));
  let job: JobView | undefined;
  for (const request of requests) {
    let response: Response;
    try {
      response = await fetch(`${base}/admin/read-models/rebuilds`, { method: 'POST', headers, body: JSON.stringify(request) });
    } catch {
      if (job === undefined) {
        say(`no service answers on ${base}; rebuilding directly in ${config.dataDir}`);
        return false;
      }
      throw new Error('the service went away during the rebuild');
    }
    if (!response.ok) throw new Error(`the service refused the rebuild: ${response.status} ${await response.text()}`);
    job = (await response.json()) as JobView;
    say(`rebuilding ${Object.values(request)[0] ?? 'every view'} in the running service (job ${job.id})`);
    for (;;) {
      await sleep(500);
      job = (await (await fetch(`${base}/admin/read-models/rebuilds/${job.id}`, { headers })).json()) as JobView;
      for (const [projection, progress] of Object.entries(job.progress)) say(line(projection, progress, config));
      if (job.state === 'failed') throw new Error(`rebuild failed: ${job.error}`);
      if (job.state === 'done') break;
    }
  }
  return true;
}

async function rebuildDirectly(config: AppConfig, projections: string[]): Promise<void> {
  const storage = await openStorage(config, { migrate: config.migrateOnStart });
  try {
    const projector = new Projector(storage.events, storage.views, ALL_PROJECTIONS, {
      batchSize: config.projectorBatchSize,
      rebuildBatchSize: config.rebuildBatchSize,
      documentMemory: { rebuild: config.rebuildMemoryMb * 1_000_000 },
    });
    // One pass over the feed for all of them; each one's progress at most every 500 ms.
    const shown = new Map<string, number>();
    await projector.rebuild(projections, (progress: RebuildProgress) => {
      if (Date.now() - (shown.get(progress.projection) ?? 0) < 500 && progress.state === 'running') return;
      shown.set(progress.projection, Date.now());
      say(line(progress.projection, {
        state: progress.state,
        eventsDone: progress.eventsDone,
        eventsPerSecond: progress.eventsPerSecond,
        checkpoint: formatPosition(progress.checkpoint),
        target: progress.target ? formatPosition(progress.target) : null,
      }, config));
    });
  } finally {
    await storage.close();
  }
}

function line(name: string, p: JobView['progress'][string], config: AppConfig): string {
  // Only on the SQL stores is the second half of a position a count of events.
  const remaining = config.eventStore === 'eventstoredb' ? undefined : remainingEvents(p.checkpoint, p.target);
  return `${name}: ${p.state}, ${p.eventsDone} events done, ${p.eventsPerSecond} events/s` + (remaining === undefined ? '' : `, about ${remaining} to go`);
}

/** On the SQL stores the second half of a position is the event's sequence number. */
function remainingEvents(checkpoint: string, target: string | null): number | undefined {
  if (!target) return undefined;
  const at = Number(checkpoint.split('-')[1]);
  const end = Number(target.split('-')[1]);
  return Number.isFinite(at) && Number.isFinite(end) ? Math.max(0, end - Math.max(at, 0)) : undefined;
}

function say(text: string): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), message: text })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
