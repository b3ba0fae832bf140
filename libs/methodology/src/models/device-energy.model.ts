import type { ActivityMeasurements, DataQualityTier, Range } from '@greenops/domain';
import { ATTR } from '../attributes';
import type { ResolvedHardware } from '../device';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { factorRange, multiplyRanges, pointRange, relativeBand } from '../uncertainty';
import { nonNegative, positive } from '../validate';

export interface DeviceEnergy {
  energyItKwh: Range;
  tier: DataQualityTier;
  modelId: string;
}

/**
 * IT energy of work on devices, by the report's Table 7 hierarchy:
 * measured `greenops.energy.kwh` (no band) >
 * modelled `power_w × count × utilisation × hours` (±10 % band; utilisation default 1, the
 * reported draw being the average over the span) >
 * proxy: the catalogue draw of `greenops.hw.model`. A catalogue GPU's figure is its board power
 * limit, so its average draw is board power × utilisation (the span's, else the typical
 * 50 % / 65 % / 100 %, `device.gpu.typical-utilisation`).
 * A GPU's board power leaves out its host (CPU, RAM, fans), whose embodied emissions the span is
 * charged, so GPU board energy (catalogue, or `power_w` of a catalogue GPU) × the report's
 * other-IT ratio 1.178 gives the host's IT energy (`device.gpu.host-it-uplift`).
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
  const gpu = hw.device?.kind === 'gpu';
  const host: Range = gpu ? factorRange(trail.use('device.gpu.host-it-uplift')) : pointRange(1);
  const deviceHoursKw = (hw.count * durationH) / 1000;
  const powerW = positive(m.hw?.powerW, ATTR.hwPowerW);
  if (powerW !== undefined) {
    const rel = trail.use('uncertainty.span-power.relative').value;
    const kwh = powerW * (hw.utilization ?? 1) * deviceHoursKw;
    return {
      energyItKwh: multiplyRanges(relativeBand(kwh, rel), host),
      tier: 'modelled',
      modelId: `${kind}.power-duration`,
    };
  }
  if (hw.device) {
    const catalogueW = factorRange(trail.use(hw.device.powerFactorId));
    const utilisation: Range =
      hw.utilization !== undefined
        ? pointRange(hw.utilization)
        : gpu
          ? factorRange(trail.use('device.gpu.typical-utilisation'))
          : pointRange(1);
    return {
      energyItKwh: multiplyRanges(
        multiplyRanges(multiplyRanges(catalogueW, utilisation), host),
        pointRange(deviceHoursKw),
      ),
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
