import { AttributeError } from './attribute-error';
import { MAX_ACTIVITY_DURATION_S } from './attribute-ranges';

/**
 * Which span times ingest accepts. Every distinct week of start times becomes a storage chunk
 * (docs/architecture.md, "Store"), so spans dated decades back or far ahead would cost every
 * tenant's queries; real activities are recent, or at most slightly ahead of a skewed clock.
 */
export interface SpanTimeLimits {
  /** Earliest accepted start, Unix ms (GREENOPS_SPAN_EARLIEST). */
  earliestMs: number;
  /** How far ahead of the receiver's clock a start or end may lie, ms (GREENOPS_SPAN_MAX_FUTURE_SKEW). */
  maxFutureSkewMs: number;
}

export const DEFAULT_SPAN_TIME_LIMITS: SpanTimeLimits = {
  earliestMs: Date.UTC(2000, 0, 1),
  maxFutureSkewMs: 24 * 3_600_000,
};

/** The receiver's clock and limits, as given to mapSpanToActivity. */
export interface SpanTimeContext {
  /** When the request arrived, Unix ms. */
  receivedAtMs: number;
  limits: SpanTimeLimits;
}

const NS_PER_MS = 1_000_000n;
const MAX_DURATION_NS = BigInt(MAX_ACTIVITY_DURATION_S) * 1_000_000_000n;

/** "366 d", "24 h", "90 min", "45 s", "250 ms": the largest whole unit (days from two on). */
export function describeDurationMs(ms: number): string {
  if (ms >= 2 * 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  const units: Array<[number, string]> = [
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1_000, 's'],
  ];
  for (const [size, unit] of units)
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

/** An instant for a message: ISO 8601 when a Date can hold it, else the raw nanoseconds. */
function instant(ns: bigint): string {
  const ms = ns / NS_PER_MS;
  return ms <= 8_640_000_000_000_000n ? new Date(Number(ms)).toISOString() : `${ns} ns`;
}

/**
 * Checks a span's start and end against the limits: both positive, start not before the
 * earliest instant, neither more than the skew ahead of the receiver's clock, end not before
 * start, and at most MAX_ACTIVITY_DURATION_S between them. Throws AttributeError naming the field.
 */
export function checkSpanTimes(
  startTimeUnixNano: bigint,
  endTimeUnixNano: bigint,
  { receivedAtMs, limits }: SpanTimeContext,
): void {
  for (const [field, ns] of [
    ['startTimeUnixNano', startTimeUnixNano],
    ['endTimeUnixNano', endTimeUnixNano],
  ] as const) {
    if (ns <= 0n) throw new AttributeError(field, `must be a positive Unix time in ns, got ${ns}`);
  }
  const earliestNs = BigInt(limits.earliestMs) * NS_PER_MS;
  if (startTimeUnixNano < earliestNs) {
    throw new AttributeError(
      'startTimeUnixNano',
      `must not be before ${instant(earliestNs)}, got ${instant(startTimeUnixNano)}`,
    );
  }
  const latestNs = BigInt(receivedAtMs + limits.maxFutureSkewMs) * NS_PER_MS;
  for (const [field, ns] of [
    ['startTimeUnixNano', startTimeUnixNano],
    ['endTimeUnixNano', endTimeUnixNano],
  ] as const) {
    if (ns > latestNs) {
      throw new AttributeError(
        field,
        `must not be more than ${describeDurationMs(limits.maxFutureSkewMs)} ahead of the receiver's clock (${instant(BigInt(receivedAtMs) * NS_PER_MS)}), got ${instant(ns)}`,
      );
    }
  }
  if (endTimeUnixNano < startTimeUnixNano) {
    throw new AttributeError(
      'endTimeUnixNano',
      `must not be before startTimeUnixNano (${startTimeUnixNano}), got ${endTimeUnixNano}`,
    );
  }
  if (endTimeUnixNano - startTimeUnixNano > MAX_DURATION_NS) {
    throw new AttributeError(
      'endTimeUnixNano',
      `must be at most ${describeDurationMs(MAX_ACTIVITY_DURATION_S * 1000)} after startTimeUnixNano (send a longer activity as several spans), got ${instant(endTimeUnixNano)} for a start at ${instant(startTimeUnixNano)}`,
    );
  }
}
