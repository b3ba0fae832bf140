/** Daily figures rolled up by ISO week or calendar month (UTC), and the date range of a period. */
export interface DayPoint {
  /** YYYY-MM-DD (UTC). */
  day: string;
  co2eG: number;
  energyKwh: number;
}

export type Granularity = 'day' | 'week' | 'month';

export interface SeriesPoint {
  /** First day of the bucket, YYYY-MM-DD. */
  start: string;
  /** What a person reads, e.g. "2026-11-02", "week of 2026-11-02", "2026-11". */
  label: string;
  co2eG: number;
  energyKwh: number;
}

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday of the ISO week of a UTC day. */
export function weekStart(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return isoDay(ms - weekday * DAY_MS);
}

/** Sums days into buckets, oldest first; days with no data are simply absent. */
export function rollUp(days: readonly DayPoint[], granularity: Granularity): SeriesPoint[] {
  const buckets = new Map<string, SeriesPoint>();
  for (const d of days) {
    const start =
      granularity === 'day'
        ? d.day
        : granularity === 'week'
          ? weekStart(d.day)
          : `${d.day.slice(0, 7)}-01`;
    const label =
      granularity === 'day'
        ? d.day
        : granularity === 'week'
          ? `week of ${start}`
          : start.slice(0, 7);
    const b = buckets.get(start) ?? { start, label, co2eG: 0, energyKwh: 0 };
    b.co2eG += d.co2eG;
    b.energyKwh += d.energyKwh;
    buckets.set(start, b);
  }
  return [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** [from, to) of the last `days` UTC days including today, as ISO instants for `daily(from, to)`. */
export function periodRange(days: number, now: Date): { from: string; to: string } {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return {
    from: new Date(tomorrow - days * DAY_MS).toISOString(),
    to: new Date(tomorrow).toISOString(),
  };
}
