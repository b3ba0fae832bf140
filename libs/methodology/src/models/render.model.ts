import type { Activity, EmissionResult } from '@greenops/domain';
import { resolveHardware } from '../device';
import { hardwareEmbodiedG } from '../embodied';
import type { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { resolvePue } from '../pue';
import { electricityResult } from '../result';
import { electricityScope } from '../scope';
import { ZERO_RANGE } from '@greenops/domain';
import { durationHours } from '../validate';
import { deviceEnergy } from './device-energy.model';

/**
 * `render` and `workstation`: device energy (measured > power × time > catalogue), facility PUE,
 * grid intensity, plus the hardware's embodied share. Scope 2 on own machines, Scope 3 cat 1 when
 * the nodes are rented from a cloud provider (`cloud.provider` set).
 */
export function renderEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const hours = durationHours(activity.durationS);
  const hw = resolveHardware(m.hw, trail);
  const energy = deviceEnergy(activity.kind, m, hw, hours, trail);
  const pue = resolvePue(m, trail, 'on-premises');
  const intensity = resolveIntensities(activity, trail);
  return electricityResult(
    {
      energyItKwh: energy.energyItKwh,
      pue,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: hardwareEmbodiedG(m.hw, hw, hours, trail),
      trainingG: ZERO_RANGE,
      tier: energy.tier,
      scope: electricityScope(!!m.cloudProvider),
      modelId: energy.modelId,
    },
    trail,
  );
}
