import { ZERO_RANGE, type Activity, type EmissionResult, type Range } from '@greenops/domain';
import { resolveHardware } from '../device';
import { hardwareEmbodiedG } from '../embodied';
import type { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { resolvePue } from '../pue';
import { electricityResult } from '../result';
import { electricityScope } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { durationHours } from '../validate';
import { deviceEnergy } from './device-energy.model';

/**
 * `render` and `workstation`: device energy (measured > power × time > catalogue), facility PUE,
 * grid intensity, plus the hardware's embodied share. Scope 2 on own machines, Scope 3 cat 1 when
 * the nodes are rented from a cloud provider (`cloud.provider` set).
 * A `workstation` is an artist's computer (report §7.4.3 "artist computers"): it also carries the
 * development emissions of the creative software used, per hour of use and per seat
 * (App. 3 "Software (development)" 0.017 kg/h, App. 4 I_artist computer,software).
 */
export function renderEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const hours = durationHours(activity.durationS);
  const hw = resolveHardware(m.hw, trail);
  const energy = deviceEnergy(activity.kind, m, hw, hours, trail);
  const pue = resolvePue(m, trail, 'on-premises', hw.device);
  const intensity = resolveIntensities(activity, trail);
  return electricityResult(
    {
      energyItKwh: energy.energyItKwh,
      pue: pue.pue,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: hardwareEmbodiedG(m, hw, hours, trail),
      trainingG: ZERO_RANGE,
      softwareG: activity.kind === 'workstation' ? softwareG(hw.count * hours, trail) : ZERO_RANGE,
      tier: energy.tier,
      scope: electricityScope(!!m.cloudProvider),
      modelId: energy.modelId,
      notes: pue.notes,
    },
    trail,
  );
}

/** Software development emissions for `seatHours` of artist use. */
function softwareG(seatHours: number, trail: FactorTrail): Range {
  return multiplyRanges(
    factorRange(trail.use('software.development.g-per-user-hour')),
    pointRange(seatHours),
  );
}
