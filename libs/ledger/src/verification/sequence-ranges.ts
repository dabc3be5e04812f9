import type { SequenceRange } from '#event-store';

/** `ranges` without what `removed` covers; both sorted and disjoint, as is the answer. */
export function subtractRanges(ranges: readonly SequenceRange[], removed: readonly SequenceRange[]): SequenceRange[] {
  const result: SequenceRange[] = [];
  for (const [from, to] of ranges) {
    let start = from;
    for (const [rFrom, rTo] of removed) {
      if (rTo < start || rFrom > to) continue;
      if (rFrom > start) result.push([start, rFrom - 1n]);
      start = rTo + 1n;
      if (start > to) break;
    }
    if (start <= to) result.push([start, to]);
  }
  return result;
}

/** The union of several sorted lists of ranges, sorted and merged. */
export function unionOfRanges(lists: readonly (readonly SequenceRange[])[]): SequenceRange[] {
  const sorted = lists.flat().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1n) last[1] = to > last[1] ? to : last[1];
    else merged.push([from, to]);
  }
  return merged;
}

/** The part of `ranges` at or below `upTo`. */
export function rangesUpTo(ranges: readonly SequenceRange[], upTo: bigint): SequenceRange[] {
  return ranges.filter(([from]) => from <= upTo).map(([from, to]) => [from, to < upTo ? to : upTo] as const);
}

export function formatRanges(ranges: readonly SequenceRange[]): [string, string][] {
  return ranges.map(([from, to]) => [String(from), String(to)]);
}
