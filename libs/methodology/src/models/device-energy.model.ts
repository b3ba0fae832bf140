import type { ActivityMeasurements, DataQualityTier, Range } from '@greenops/domain';
import { ATTR } from '../attributes';
import type { ResolvedHardware } from '../device';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { factorRange, pointRange, relativeBand } from '../uncertainty';
import { nonNegative, positive } from '../validate';

export interface DeviceEnergy {
  energyItKwh: Range;
  tier: DataQualityTier;
  modelId: string;
}

/**
 * IT energy of work on devices, by the report's Table 7 hierarchy:
 * measured `greenops.energy.kwh` (no band) >
 * modelled `power_w × count × utilisation × hours` (±10 % band) >
 * proxy: the catalogue's typical draw for `greenops.hw.model` (catalogue band).
 */
export function deviceEnergy(
  kind: string,
  m: ActivityMeasurements,
  hw: ResolvedHardware,
  durationH: number,
  trail: FactorTrail,
): DeviceEnergy {
  const measured = nonNegative(m.energyKwh, ATTR.energyKwh);
  if (measured !== undefined) {
    return {
      energyItKwh: pointRange(measured),
      tier: 'measured',
      modelId: `${kind}.measured-energy`,
    };
  }
  const kwhPerW = (hw.count * hw.utilization * durationH) / 1000;
  const powerW = positive(m.hw?.powerW, ATTR.hwPowerW);
  if (powerW !== undefined) {
    const rel = trail.use('uncertainty.span-power.relative').value;
    return {
      energyItKwh: relativeBand(powerW * kwhPerW, rel),
      tier: 'modelled',
      modelId: `${kind}.power-duration`,
    };
  }
  if (hw.device) {
    const p = factorRange(trail.use(hw.device.powerFactorId));
    return {
      energyItKwh: { low: p.low * kwhPerW, nominal: p.nominal * kwhPerW, high: p.high * kwhPerW },
      tier: 'proxy',
      modelId: `${kind}.catalogue-power-duration`,
    };
  }
  throw new MethodologyInputError(
    ATTR.hwPowerW,
    `${kind} needs ${ATTR.energyKwh} or ${ATTR.hwPowerW}` +
      (m.hw?.model ? ` (${ATTR.hwModel} '${m.hw.model}' is not in the device catalogue)` : ''),
  );
}
