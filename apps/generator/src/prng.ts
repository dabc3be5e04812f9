/**
 * A small seeded pseudo-random generator (SplitMix32 to seed, then sfc32): the same seed
 * gives the same sequence on every platform, so a portfolio is reproducible from its seed.
 * Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from any number of integers (e.g. the portfolio's seed and a project's index). */
  constructor(...seeds: number[]) {
    let state = 0x9e3779b9;
    for (const seed of seeds) state = mix32(state ^ (seed >>> 0)) ^ mix32(Math.floor(seed / 0x1_0000_0000));
    this.a = mix32((state += 0x9e3779b9));
    this.b = mix32((state += 0x9e3779b9));
    this.c = mix32((state += 0x9e3779b9));
    this.d = mix32((state += 0x9e3779b9));
    for (let i = 0; i < 12; i += 1) this.next32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  next32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('nothing to pick from');
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A deck in which each key appears about `weight` times per 100 and, more usefully, any
 * prefix of it is close to those proportions: the j-th copy of a key with n copies sits at
 * (j + ½) / n, ties broken at random. So even a small portfolio gets every kind of project.
 */
export function stratifiedDeck<K extends string>(weights: Readonly<Record<K, number>>, random: Random): K[] {
  const slots: { key: K; at: number; tie: number }[] = [];
  for (const [key, weight] of Object.entries(weights) as [K, number][]) {
    for (let j = 0; j < weight; j += 1) slots.push({ key, at: (j + 0.5) / weight, tie: random.float() });
  }
  return slots.sort((x, y) => x.at - y.at || x.tie - y.tie).map((slot) => slot.key);
}
