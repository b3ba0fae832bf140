import { co2 } from '@tgwf/co2';
import { ZERO_RANGE, type Activity, type EmissionResult } from '@greenops/domain';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { electricityResult } from '../result';
import { SCOPES } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { nonNegative } from '../validate';

const swd = new co2({ model: 'swd', version: 4 });

/** CO2.js grams for `bytes` with every segment at `intensity` g/kWh (its embodied part uses its own fixed grid). */
function swdGrams(bytes: number, intensity: number): number {
  return swd.perByteTrace(bytes, false, {
    gridIntensity: { device: intensity, dataCenter: intensity, network: intensity },
  }).co2;
}

/**
 * `transfer`: CO2.js Sustainable Web Design v4 (not re-implemented). Its operational energy per
 * byte is recovered from two CO2.js calls (at 0 and 1,000 g/kWh) so our own location/market
 * intensities apply; its embodied share (at 0 g/kWh operational) is reported as embodied.
 * SWD v4 per-byte energy already includes data-centre overhead, so PUE = 1 here.
 */
export function transferEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const bytes = nonNegative(m.transferBytes, ATTR.transferBytes);
  if (bytes === undefined)
    throw new MethodologyInputError(ATTR.transferBytes, 'transfer needs the number of bytes moved');
  const embodiedG = swdGrams(bytes, 0);
  const energyKwh = (swdGrams(bytes, 1000) - embodiedG) / 1000;
  const band = factorRange(trail.use('transfer.swd-v4.band'));
  const intensity = resolveIntensities(activity, trail);
  return electricityResult(
    {
      energyItKwh: multiplyRanges(pointRange(energyKwh), band),
      pue: 1,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: multiplyRanges(pointRange(embodiedG), band),
      trainingG: ZERO_RANGE,
      tier: 'proxy',
      scope: SCOPES.cloudServices,
      modelId: 'transfer.co2js-swd-v4',
    },
    trail,
  );
}
