import type { Activity, ActivityKind, EmissionResult } from '@greenops/domain';
import type { FactorSet } from '@greenops/factors';

/** Batch work a scheduler may defer: farm renders and AI generation (not desks, sets, travel). */
export const SHIFTABLE_KINDS: readonly ActivityKind[] = ['render', 'ai.inference'];

const HOUR_MS = 3_600_000;
const HOURLY_PREFIX = 'grid.hourly.';

/** Countries whose grid has an hourly series in the tenant's factor set (`grid.hourly.<CC>.<hour>`). */
export function hourlySeriesCountries(factorSet: FactorSet): Set<string> {
  const countries = new Set<string>();
  for (const id of Object.keys(factorSet.factors)) {
    if (id.startsWith(HOURLY_PREFIX)) countries.add(id.slice(HOURLY_PREFIX.length).split('.')[0]);
  }
  return countries;
}

/** The result was priced on the annual grid of a country that has a series (not a span-stated figure). */
function onSeriesGrid(result: EmissionResult, countries: ReadonlySet<string>): boolean {
  return result.factorIds.some(
    (id) => id.startsWith('grid.location.') && countries.has(id.slice('grid.location.'.length)),
  );
}

export function shiftedBy(activity: Activity, hours: number): Activity {
  if (hours === 0) return activity;
  const move = (iso: string) => {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? new Date(ms + hours * HOUR_MS).toISOString() : iso;
  };
  return { ...activity, startTime: move(activity.startTime), endTime: move(activity.endTime) };
}

export interface ShiftChoice {
  hours: number;
  results: EmissionResult[];
  /** Some hour of the search was priced from the hourly series. */
  hourlyCovered: boolean;
}

/**
 * The start delay in [0, maxHours] whole hours with the lowest nominal CO2e for all the parts of
 * one activity, each priced by the engine (whose intensity is the hourly series averaged over
 * the activity's interval where the set has one, docs/methodology.md). Ties keep the earliest.
 */
export function lowestCarbonShift(
  parts: readonly Activity[],
  maxHours: number,
  compute: (a: Activity) => EmissionResult,
  seriesCountries: ReadonlySet<string>,
): ShiftChoice {
  // A grid without a series (or a span-stated intensity) is the same at every hour: no search.
  const asScheduled = parts.map(compute);
  if (!asScheduled.some((r) => onSeriesGrid(r, seriesCountries))) {
    return { hours: 0, results: asScheduled, hourlyCovered: false };
  }
  let best: ShiftChoice | undefined;
  let bestG = Infinity;
  let hourlyCovered = false;
  for (let h = 0; h <= maxHours; h++) {
    const results = h === 0 ? asScheduled : parts.map((p) => compute(shiftedBy(p, h)));
    if (results.some((r) => r.factorIds.some((id) => id.startsWith(HOURLY_PREFIX)))) {
      hourlyCovered = true;
    }
    const g = results.reduce((sum, r) => sum + r.co2eG.nominal, 0);
    if (g < bestG - 1e-9) {
      bestG = g;
      best = { hours: h, results, hourlyCovered: false };
    }
  }
  return { ...best!, hourlyCovered };
}
