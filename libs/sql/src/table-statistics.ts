/** When a database's tables are first analysed by the client, then how often. */
export interface AnalyseSchedule {
  firstAfterMs: number;
  everyMs: number;
}

/**
 * A minute after opening, then every ten minutes. ANALYZE samples a bounded number of rows
 * (about a second on PGlite, holding its one connection; less on a server), and the planner
 * scales even old statistics to the tables' current size, so what matters is that the
 * tables have been analysed at all, once they hold something.
 */
export const ANALYSE_SCHEDULE: AnalyseSchedule = { firstAfterMs: 60_000, everyMs: 600_000 };

/**
 * Gathers table statistics on a schedule, for an engine that gathers none itself: PGlite
 * (no autovacuum at all) and a PostgreSQL server whose autovacuum is off. Never analysed,
 * a table looks empty to the planner whatever it holds, and the plans go wrong as the
 * tables grow — loading 20 view documents read every document of the projection instead
 * of probing the primary key 20 times: on PGlite 67 ms instead of 1.5 ms at 900 documents
 * (docs/adr/0009), on the server 700 ms instead of 0.8 ms at 45,000 (docs/adr/0012).
 * A failed ANALYZE (the server away for a moment) is tried again at the next turn.
 */
export class TableStatistics {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly analyse: () => Promise<void>,
    private readonly schedule: AnalyseSchedule,
  ) {}

  static keepCurrent(analyse: () => Promise<void>, schedule: AnalyseSchedule = ANALYSE_SCHEDULE): TableStatistics {
    const statistics = new TableStatistics(analyse, schedule);
    statistics.next(schedule.firstAfterMs);
    return statistics;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private next(afterMs: number): void {
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.analyse()
        .catch(() => undefined)
        .finally(() => this.stopped || this.next(this.schedule.everyMs));
    }, afterMs);
    // A schedule never keeps a process alive.
    this.timer.unref();
  }
}
