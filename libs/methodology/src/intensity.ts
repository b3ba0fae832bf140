import type { ActivityMeasurements } from '@greenops/domain';
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

/**
 * Location-based intensity, in order: span override > cloud region's country grid > span country
 * grid > `fallbackCountry` (the caller's documented default) > world average. Grid figures are
 * Ember annual averages via @tgwf/co2/data unless the factor set overrides them.
 * Market-based: span value, else equal to location (the residual mix is unknown to us, so we do
 * not pretend a lower market figure — GHG Protocol Scope 2 dual reporting).
 */
export function resolveIntensities(
  m: ActivityMeasurements,
  trail: FactorTrail,
  fallbackCountry?: string,
): Intensities {
  const market = checkIntensity(m.marketIntensityGPerKwh, ATTR.marketIntensity);
  const override = checkIntensity(m.intensityGPerKwh, ATTR.intensity);
  if (override !== undefined) {
    return { locationGPerKwh: override, marketGPerKwh: market ?? override, country: m.country };
  }
  const country = regionCountry(m, trail) ?? m.country?.toUpperCase() ?? fallbackCountry;
  const f = (country && trail.tryUse(`grid.location.${country}`)) || trail.use('grid.location.WORLD');
  return { locationGPerKwh: f.value, marketGPerKwh: market ?? f.value, country };
}

function regionCountry(m: ActivityMeasurements, trail: FactorTrail): string | undefined {
  if (!m.cloudProvider || !m.cloudRegion) return undefined;
  const provider = normaliseProvider(m.cloudProvider) === 'ovh' ? 'ovhcloud' : normaliseProvider(m.cloudProvider);
  const region = m.cloudRegion.trim().toLowerCase();
  const table = trail.set.cloudRegionCountry;
  // OVHcloud names sites with a number (GRA11, SBG5): the grid is the site's country.
  return table[`${provider}/${region}`] ?? table[`${provider}/${region.replace(/\d+$/, '')}`];
}

function checkIntensity(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 3000) {
    throw new MethodologyInputError(field, `must be a number of gCO2e/kWh in [0, 3000], got ${String(value)}`);
  }
  return value;
}
