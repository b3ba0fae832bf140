/** The API's series as rows per bucket (UTC day, ISO week, calendar month), and a period's range. */
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

/** One point of the API's `Project.series`: a bucket and an activity kind or scope. */
export interface ApiSeriesPoint {
  /** Start of the bucket, ISO 8601 (UTC). */
  bucketStart: string;
  /** Activity kind, or "scope 1|2|3". */
  key: string;
  co2eG: number;
  co2eMarketG: number;
  energyKwh: number;
}

/** Location-based (grid average) or market-based (contracts, renewable purchases) carbon. */
export type Basis = 'location' | 'market';

export interface PivotRow extends SeriesPoint {
  /** CO2e of each key in the bucket (the basis asked for); absent keys had none. */
  byKey: Record<string, number>;
}

export interface SeriesPivot {
  /** The keys, the largest over the whole window first. */
  keys: string[];
  rows: PivotRow[];
}

/** The label a person reads for a bucket: "2026-11-02", "week of 2026-11-02", "2026-11". */
export function bucketLabel(bucketStart: string, granularity: Granularity): string {
  const day = bucketStart.slice(0, 10);
  if (granularity === 'week') return `week of ${day}`;
  if (granularity === 'month') return day.slice(0, 7);
  return day;
}

/**
 * The API's series (one point per bucket and key) as one row per bucket, oldest first, with the
 * total of the basis asked for and each key's part: the chart draws the totals, the table
 * shows the parts. The API does the bucketing (UTC days, ISO weeks, calendar months).
 */
export function pivotSeries(
  points: readonly ApiSeriesPoint[],
  granularity: Granularity,
  basis: Basis,
): SeriesPivot {
  const rows = new Map<string, PivotRow>();
  const keyTotals = new Map<string, number>();
  for (const p of points) {
    const g = basis === 'market' ? p.co2eMarketG : p.co2eG;
    const start = p.bucketStart.slice(0, 10);
    const row = rows.get(start) ?? {
      start,
      label: bucketLabel(p.bucketStart, granularity),
      co2eG: 0,
      energyKwh: 0,
      byKey: {},
    };
    row.co2eG += g;
    row.energyKwh += p.energyKwh;
    row.byKey[p.key] = (row.byKey[p.key] ?? 0) + g;
    rows.set(start, row);
    keyTotals.set(p.key, (keyTotals.get(p.key) ?? 0) + g);
  }
  const keys = [...keyTotals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
  return { keys, rows: [...rows.values()].sort((a, b) => a.start.localeCompare(b.start)) };
}

/** [from, to) of the last `days` UTC days including today, as ISO instants for `daily(from, to)`. */
export function periodRange(days: number, now: Date): { from: string; to: string } {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return {
    from: new Date(tomorrow - days * DAY_MS).toISOString(),
    to: new Date(tomorrow).toISOString(),
  };
}
