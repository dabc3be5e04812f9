/**
 * Latencies as a distribution, never as an average alone: every value is kept (a benchmark
 * records at most a few hundred thousand), percentiles are exact, and the report carries a
 * log-scaled histogram (buckets of ×√2 from 0.125 ms) so the shape can be seen.
 */
export class Latencies {
  private values: number[] = [];
  private sorted = true;

  record(milliseconds: number): void {
    if (!Number.isFinite(milliseconds) || milliseconds < 0) return;
    this.values.push(milliseconds);
    this.sorted = false;
  }

  get count(): number {
    return this.values.length;
  }

  /** The p-th percentile (0–100), nearest rank; undefined when nothing was recorded. */
  percentile(p: number): number | undefined {
    if (this.values.length === 0) return undefined;
    this.sort();
    const rank = Math.min(this.values.length - 1, Math.max(0, Math.ceil((p / 100) * this.values.length) - 1));
    return this.values[rank];
  }

  summary(): LatencySummary {
    this.sort();
    const n = this.values.length;
    const round = (value: number | undefined) => (value === undefined ? null : Math.round(value * 100) / 100);
    return {
      count: n,
      minMs: round(this.values[0]),
      p50Ms: round(this.percentile(50)),
      p90Ms: round(this.percentile(90)),
      p99Ms: round(this.percentile(99)),
      p999Ms: round(this.percentile(99.9)),
      maxMs: round(this.values[n - 1]),
      meanMs: n === 0 ? null : round(this.values.reduce((sum, value) => sum + value, 0) / n),
      histogram: this.buckets(),
    };
  }

  /** Non-empty buckets: [upper bound in ms, count], bounds 0.125 × √2^k. */
  private buckets(): [number, number][] {
    const counts = new Map<number, number>();
    for (const value of this.values) {
      const k = value <= 0.125 ? 0 : Math.ceil(Math.log(value / 0.125) / Math.log(Math.SQRT2));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts.entries()].sort(([a], [b]) => a - b).map(([k, count]) => [Math.round(0.125 * Math.SQRT2 ** k * 1000) / 1000, count]);
  }

  private sort(): void {
    if (!this.sorted) {
      this.values.sort((a, b) => a - b);
      this.sorted = true;
    }
  }
}

export interface LatencySummary {
  count: number;
  minMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  /** [upper bound of the bucket in ms, how many] */
  histogram: [number, number][];
}

/** One Latencies per label (a command type, a query variant…), created on first use. */
export class LabelledLatencies {
  readonly all = new Latencies();
  private readonly byLabel = new Map<string, Latencies>();

  record(label: string, milliseconds: number): void {
    this.all.record(milliseconds);
    let latencies = this.byLabel.get(label);
    if (!latencies) this.byLabel.set(label, (latencies = new Latencies()));
    latencies.record(milliseconds);
  }

  summaries(): Record<string, Omit<LatencySummary, 'histogram'>> {
    return Object.fromEntries(
      [...this.byLabel.entries()]
        .sort(([, a], [, b]) => b.count - a.count)
        .map(([label, latencies]) => {
          const { histogram: _histogram, ...summary } = latencies.summary();
          return [label, summary];
        }),
    );
  }
}
