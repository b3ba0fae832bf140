/**
 * A project's trend for the portfolio's sparkline: the API's weekly series (one point per
 * bucket and activity kind) summed per bucket, every week of the window present (0 when
 * nothing happened), and the points of an SVG polyline. Pure: unit-tested, no DOM.
 */
export interface BucketPoint {
  /** Start of the bucket, ISO 8601 (UTC). */
  bucketStart: string;
  co2eG: number;
}

export interface WeekTotal {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  co2eG: number;
}

const WEEK_MS = 7 * 86_400_000;

/** Sums the series per week over `weeks` Mondays ending with `lastMonday` (YYYY-MM-DD). */
export function weeklyTotals(
  points: readonly BucketPoint[],
  lastMonday: string,
  weeks: number,
): WeekTotal[] {
  const end = Date.parse(`${lastMonday}T00:00:00Z`);
  const totals = new Map<string, number>();
  for (let i = weeks - 1; i >= 0; i--) {
    totals.set(new Date(end - i * WEEK_MS).toISOString().slice(0, 10), 0);
  }
  for (const p of points) {
    const week = p.bucketStart.slice(0, 10);
    // Buckets outside the window (none, from the API) are not the trend's.
    if (totals.has(week)) totals.set(week, totals.get(week)! + p.co2eG);
  }
  return [...totals].map(([week, co2eG]) => ({ week, co2eG }));
}

/** "x,y x,y …" for a polyline in a width × height box, the largest week at the top. */
export function sparklinePoints(
  totals: readonly WeekTotal[],
  width: number,
  height: number,
): string {
  if (totals.length === 0) return '';
  const max = Math.max(...totals.map((t) => t.co2eG));
  const step = totals.length > 1 ? width / (totals.length - 1) : 0;
  return totals
    .map((t, i) => {
      const y = max > 0 ? height - (t.co2eG / max) * height : height;
      return `${round(i * step)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Monday (UTC) of the week holding `date`, YYYY-MM-DD. */
export function mondayOf(date: Date): string {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - weekday * 86_400_000).toISOString().slice(0, 10);
}
