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

const swd = new co2({ model: 'swd', version: 4, results: 'segment' });

interface ProductionTransfer {
  /** Data-centre + network operational energy, kWh. */
  energyKwh: number;
  /** Data-centre + network embodied grams (CO2.js's fixed global grid). */
  embodiedG: number;
}

/**
 * CO2.js SWD v4 by segment, with consumer devices left out. Operational energy per segment is
 * read as grams at 1,000 g/kWh ÷ 1,000; embodied grams do not depend on the grid we pass.
 */
function productionTransfer(bytes: number): ProductionTransfer {
  // CO2.js returns a bare 0 below one byte.
  if (bytes < 1) return { energyKwh: 0, embodiedG: 0 };
  const { co2: grams } = swd.perByteTrace(bytes, false, {
    gridIntensity: { device: 1000, dataCenter: 1000, network: 1000 },
  });
  if (typeof grams === 'number') throw new Error('CO2.js did not return segment results');
  return {
    energyKwh: (grams.dataCenterOperationalCO2e + grams.networkOperationalCO2e) / 1000,
    embodiedG: grams.dataCenterEmbodiedCO2e + grams.networkEmbodiedCO2e,
  };
}

/**
 * `transfer`: CO2.js Sustainable Web Design v4 (not re-implemented), data-centre and network
 * segments only. SWD's third segment is the consumer's device that displays a web page; CT 2026
 * §6.1.2 leaves end-user devices out of the boundary, and the production machines at either end
 * of a transfer are counted by their own workstation / render spans, so keeping it would count
 * devices that are not ours, or ours twice. Per GB that removes 0.080 of 0.194 kWh operational
 * and 0.081 of 0.106 kWh embodied (54 % of SWD's grams at CO2.js's 494 g/kWh global grid).
 * Our own location/market intensities apply to the operational energy; CO2.js's embodied share
 * is reported as embodied. SWD's per-byte energy includes data-centre overhead, so PUE = 1.
 */
export function transferEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const bytes = nonNegative(m.transferBytes, ATTR.transferBytes);
  if (bytes === undefined)
    throw new MethodologyInputError(ATTR.transferBytes, 'transfer needs the number of bytes moved');
  const { energyKwh, embodiedG } = productionTransfer(bytes);
  const band = factorRange(trail.use('transfer.swd-v4.band'));
  const intensity = resolveIntensities(activity, trail);
  return electricityResult(
    {
      energyItKwh: multiplyRanges(pointRange(energyKwh), band),
      pue: pointRange(1),
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: multiplyRanges(pointRange(embodiedG), band),
      trainingG: ZERO_RANGE,
      tier: 'proxy',
      scope: SCOPES.cloudServices,
      modelId: 'transfer.co2js-swd-v4.production',
    },
    trail,
  );
}
