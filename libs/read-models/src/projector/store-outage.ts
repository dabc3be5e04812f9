import { EventStoreUnavailableError } from '#event-store';

/**
 * Whether `error` says a store cannot be reached (not that a projection is wrong). The read
 * stores' errors are known by name so that the projector loads no database driver: the SQL
 * client's `SqlUnavailableError` and the MongoDB adapter's `MongoUnavailableError`.
 */
export function meansStoreUnavailable(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'SqlUnavailableError' || name === 'MongoUnavailableError';
}

/** While the stores are out of reach, how often a projection tries again (ms). */
export const OUTAGE_RETRY_MS = 500;

/**
 * One outage of the stores as the runner saw it: logged once when it starts and once when
 * it ends, with its length, instead of once per attempt (about 60 lines a second before).
 */
export class StoreOutage {
  private since: number | undefined;

  constructor(private readonly log: (entry: Record<string, unknown>) => void) {}

  get ongoing(): boolean {
    return this.since !== undefined;
  }

  /** A store call failed as unavailable: the first one starts the outage. */
  failed(error: unknown, now = Date.now()): void {
    if (this.since !== undefined) return;
    this.since = now;
    this.log({
      level: 'error',
      message: 'stores unavailable; the projections wait and try again',
      error: (error as Error)?.message ?? String(error),
      retryEveryMs: OUTAGE_RETRY_MS,
    });
  }

  /** A store call succeeded: the outage, if any, is over. */
  answered(now = Date.now()): void {
    if (this.since === undefined) return;
    const outageMs = now - this.since;
    this.since = undefined;
    this.log({ level: 'warn', message: 'stores available again; the projections go on', outageMs });
  }
}
