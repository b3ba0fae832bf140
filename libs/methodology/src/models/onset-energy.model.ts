import { ZERO_RANGE, type Activity, type EmissionResult, type Range } from '@greenops/domain';
import type { FactorSet } from '@greenops/factors';
import { ATTR } from '../attributes';
import { MethodologyInputError } from '../errors';
import { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { resolvePue } from '../pue';
import { directResult, electricityResult } from '../result';
import { SCOPES } from '../scope';
import { factorRange, multiplyRanges, pointRange } from '../uncertainty';
import { durationHours, nonNegative, positive } from '../validate';
import { fuelFactorId } from './fuel';

const LIGHTING = ['led', 'hmi', 'tungsten'] as const;

/**
 * `onset.energy`: generator fuel (litres × DESNZ factor) is Scope 1 — when litres are given they
 * are the whole story (the generator's kWh output is not counted again); grid or battery kWh is
 * Scope 2 at the location's grid intensity; with neither, lighting fixtures × typical draw × hours
 * give a proxy.
 */
export function onsetEnergyEmissions(activity: Activity, trail: FactorTrail): EmissionResult {
  const m = activity.measurements;
  const litres = nonNegative(m.fuel?.litres, ATTR.fuelLitres);
  if (litres !== undefined) {
    const kg = multiplyRanges(
      factorRange(trail.use(fuelFactorId(m.fuel?.type))),
      pointRange(litres * 1000),
    );
    return directResult(
      {
        emissionsG: kg,
        tier: 'measured',
        scope: SCOPES.stationaryCombustion,
        modelId: 'onset.fuel-litres',
      },
      trail,
    );
  }
  const measured = nonNegative(m.energyKwh, ATTR.energyKwh);
  let energy: Range;
  let tier: 'measured' | 'proxy';
  if (measured !== undefined) {
    energy = pointRange(measured);
    tier = 'measured';
  } else if (m.onset?.lightingType) {
    const fixtures = positive(m.hw?.count, ATTR.hwCount) ?? 1;
    energy = lightingEnergyRange(
      m.onset.lightingType,
      fixtures,
      durationHours(activity.durationS),
      trail,
    );
    tier = 'proxy';
  } else {
    throw new MethodologyInputError(
      ATTR.energyKwh,
      `onset.energy needs ${ATTR.fuelLitres} (generators), ${ATTR.energyKwh} (grid/battery) or ${ATTR.lightingType}`,
    );
  }
  const intensity = resolveIntensities(activity, trail);
  const pue = resolvePue(m, trail, 'on-premises');
  return electricityResult(
    {
      energyItKwh: energy,
      pue: pue.pue,
      notes: pue.notes,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG: ZERO_RANGE,
      trainingG: ZERO_RANGE,
      tier,
      scope: SCOPES.purchasedElectricity,
      modelId: tier === 'measured' ? 'onset.grid-kwh' : 'onset.lighting-fixtures',
    },
    trail,
  );
}

function lightingEnergyRange(
  type: string,
  fixtures: number,
  hours: number,
  trail: FactorTrail,
): Range {
  const t = type.trim().toLowerCase();
  if (!(LIGHTING as readonly string[]).includes(t)) {
    throw new MethodologyInputError(
      ATTR.lightingType,
      `unknown lighting '${type}' (${LIGHTING.join(', ')})`,
    );
  }
  return multiplyRanges(
    factorRange(trail.use(`lighting.${t}.w`)),
    pointRange((fixtures * hours) / 1000),
  );
}

/** What-if helper for dashboards: kWh of `fixtures` lights of a type for `hours` (LED vs HMI vs tungsten). */
export function lightingEnergyKwh(
  type: string,
  fixtures: number,
  hours: number,
  factorSet: FactorSet,
): Range {
  return lightingEnergyRange(type, fixtures, hours, new FactorTrail(factorSet));
}
