import type { Range } from '@greenops/domain';
import type { Factor } from '@greenops/factors';

/** A factor as a range: its own low/high, or a point when the source gives none. */
export function factorRange(f: Factor): Range {
  return { low: f.low ?? f.value, nominal: f.value, high: f.high ?? f.value };
}

/** nominal ± relative share (e.g. 0.1 → ±10 %), never below zero. */
export function relativeBand(nominal: number, relative: number): Range {
  return { low: Math.max(0, nominal * (1 - relative)), nominal, high: nominal * (1 + relative) };
}

export function pointRange(value: number): Range {
  return { low: value, nominal: value, high: value };
}

/** Element-wise product of two non-negative ranges (low×low, high×high). */
export function multiplyRanges(a: Range, b: Range): Range {
  return { low: a.low * b.low, nominal: a.nominal * b.nominal, high: a.high * b.high };
}
