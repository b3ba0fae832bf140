import type { Activity, ActivityMeasurements } from '@greenops/domain';
import type { Factor } from '@greenops/factors';
import { ATTR } from './attributes';
import { MethodologyInputError } from './errors';
import type { FactorTrail } from './factor-trail';
import { normaliseProvider } from './pue';

export interface Intensities {
  /** Location-based, gCO2e/kWh. */
  locationGPerKwh: number;
  /** Market-based, gCO2e/kWh (equal to location when no contract/residual-mix figure is given). */
  marketGPerKwh: number;
  /** Country whose grid was used, when one was. */
  country?: string;
}

/** Longest span (in hours) whose intensity is averaged from an hourly series; longer ones use the annual figure. */
const MAX_HOURLY_SPAN_H = 24 * 31;

/**
 * Location-based intensity, in order: span override > cloud region's country grid > span country
 * grid > `fallbackCountry` (the caller's documented default) > world average. Grid figures are
 * Ember annual averages via @tgwf/co2/data unless the factor set overrides them. Where the
 * factor set holds an hourly series for the grid (`grid.hourly.<CC>.<YYYY-MM-DDTHH>`, UTC hour
 * starts, published by a tenant), the intensity is the series averaged over the activity's
 * interval, weighted by the time spent in each hour; hours the series lacks count at the annual
 * figure.
 * Market-based: span value, else the tenant's contract figure for the grid
 * (`grid.market.<CC>`, published in its factor set), else equal to location (the residual mix is
 * unknown to us, so we do not pretend a lower market figure — GHG Protocol Scope 2 dual reporting).
 */
export function resolveIntensities(
  activity: Activity,
  trail: FactorTrail,
  fallbackCountry?: string,
): Intensities {
  const m = activity.measurements;
  const spanMarket = checkIntensity(m.marketIntensityGPerKwh, ATTR.marketIntensity);
  const override = checkIntensity(m.intensityGPerKwh, ATTR.intensity);
  if (override !== undefined) {
    return { locationGPerKwh: override, marketGPerKwh: spanMarket ?? override, country: m.country };
  }
  const country = regionCountry(m, trail) ?? m.country?.toUpperCase() ?? fallbackCountry;
  const annual =
    (country && trail.tryUse(`grid.location.${country}`)) || trail.use('grid.location.WORLD');
  const location = country ? hourlyAverage(trail, country, annual, activity) : annual.value;
  const market =
    spanMarket ?? (country ? trail.tryUse(`grid.market.${country}`)?.value : undefined) ?? location;
  return { locationGPerKwh: location, marketGPerKwh: market, country };
}

const HOUR_MS = 3_600_000;

/**
 * Duration-weighted mean of the hourly series over [start, start + duration); the annual figure
 * where absent. The interval is the activity's duration (`greenops.activity.duration_s` when the
 * span sets it, e.g. an instant span that logs an 8-hour shift), not the span's end − start.
 */
function hourlyAverage(
  trail: FactorTrail,
  country: string,
  annual: Factor,
  activity: Activity,
): number {
  const startMs = Date.parse(activity.startTime);
  const durationMs =
    Number.isFinite(activity.durationS) && activity.durationS > 0 ? activity.durationS * 1000 : 0;
  const endMs = startMs + durationMs;
  if (
    !Number.isFinite(startMs) ||
    !Number.isFinite(endMs) ||
    endMs - startMs > MAX_HOURLY_SPAN_H * HOUR_MS
  ) {
    return annual.value;
  }
  const hourKey = (ms: number) =>
    `grid.hourly.${country}.${new Date(ms).toISOString().slice(0, 13)}`;
  if (endMs === startMs) return trail.tryUse(hourKey(startMs))?.value ?? annual.value;
  let weighted = 0;
  let hourly = false;
  for (let hour = Math.floor(startMs / HOUR_MS) * HOUR_MS; hour < endMs; hour += HOUR_MS) {
    const overlapMs = Math.min(endMs, hour + HOUR_MS) - Math.max(startMs, hour);
    const point = trail.tryUse(hourKey(hour));
    if (point) hourly = true;
    weighted += (point?.value ?? annual.value) * overlapMs;
  }
  return hourly ? weighted / (endMs - startMs) : annual.value;
}

export function regionCountry(m: ActivityMeasurements, trail: FactorTrail): string | undefined {
  if (!m.cloudProvider || !m.cloudRegion) return undefined;
  const provider =
    normaliseProvider(m.cloudProvider) === 'ovh' ? 'ovhcloud' : normaliseProvider(m.cloudProvider);
  const region = m.cloudRegion.trim().toLowerCase();
  const table = trail.set.cloudRegionCountry;
  // OVHcloud names sites with a number (GRA11, SBG5): the grid is the site's country.
  return table[`${provider}/${region}`] ?? table[`${provider}/${region.replace(/\d+$/, '')}`];
}

function checkIntensity(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 3000) {
    throw new MethodologyInputError(
      field,
      `must be a number of gCO2e/kWh in [0, 3000], got ${String(value)}`,
    );
  }
  return value;
}
