import {
  addRanges,
  scaleRange,
  ZERO_RANGE,
  type DataQualityTier,
  type EmissionResult,
  type Range,
} from '@greenops/domain';
import type { FactorTrail } from './factor-trail';
import type { ScopeCategory } from './scope';
import { METHODOLOGY_VERSION } from './version';

export interface ElectricityResultInput {
  energyItKwh: Range;
  pue: number;
  locationGPerKwh: number;
  marketGPerKwh: number;
  embodiedG: Range;
  trainingG: Range;
  tier: DataQualityTier;
  scope: ScopeCategory;
  modelId: string;
}

/**
 * Energy-based result: facility kWh = IT kWh × PUE; operational = facility kWh × intensity;
 * co2e = operational + embodied + training (SCI's E × I + M, plus the report's model-creation share).
 */
export function electricityResult(
  input: ElectricityResultInput,
  trail: FactorTrail,
): EmissionResult {
  const energyKwh = scaleRange(input.energyItKwh, input.pue);
  const operationalG = scaleRange(energyKwh, input.locationGPerKwh);
  const operationalMarketG = scaleRange(energyKwh, input.marketGPerKwh);
  return checked({
    energyItKwh: input.energyItKwh,
    energyKwh,
    pue: input.pue,
    intensityGPerKwh: input.locationGPerKwh,
    marketIntensityGPerKwh: input.marketGPerKwh,
    operationalG,
    operationalMarketG,
    embodiedG: input.embodiedG,
    trainingG: input.trainingG,
    co2eG: addRanges(operationalG, input.embodiedG, input.trainingG),
    co2eMarketG: addRanges(operationalMarketG, input.embodiedG, input.trainingG),
    tier: input.tier,
    scope: input.scope.scope,
    category: input.scope.category,
    modelId: input.modelId,
    factorIds: trail.ids(),
    methodologyVersion: METHODOLOGY_VERSION,
    factorSetVersion: trail.set.version,
  });
}

export interface DirectResultInput {
  /** Emissions not derived from electricity (fuel burnt, passenger-km, hotel nights). */
  emissionsG: Range;
  energyKwh?: Range;
  tier: DataQualityTier;
  scope: ScopeCategory;
  modelId: string;
}

/** Result for activities whose factor is already gCO2e per unit: no PUE, no grid, no market split. */
export function directResult(input: DirectResultInput, trail: FactorTrail): EmissionResult {
  const energy = input.energyKwh ?? ZERO_RANGE;
  return checked({
    energyItKwh: energy,
    energyKwh: energy,
    pue: 1,
    intensityGPerKwh: 0,
    marketIntensityGPerKwh: 0,
    operationalG: input.emissionsG,
    operationalMarketG: input.emissionsG,
    embodiedG: ZERO_RANGE,
    trainingG: ZERO_RANGE,
    co2eG: input.emissionsG,
    co2eMarketG: input.emissionsG,
    tier: input.tier,
    scope: input.scope.scope,
    category: input.scope.category,
    modelId: input.modelId,
    factorIds: trail.ids(),
    methodologyVersion: METHODOLOGY_VERSION,
    factorSetVersion: trail.set.version,
  });
}

/** Last line of defence: a non-finite or inverted range here is a methodology bug, not input. */
function checked(r: EmissionResult): EmissionResult {
  const ranges: Array<[string, Range]> = [
    ['energyItKwh', r.energyItKwh],
    ['energyKwh', r.energyKwh],
    ['operationalG', r.operationalG],
    ['operationalMarketG', r.operationalMarketG],
    ['embodiedG', r.embodiedG],
    ['trainingG', r.trainingG],
    ['co2eG', r.co2eG],
    ['co2eMarketG', r.co2eMarketG],
  ];
  for (const [name, x] of ranges) {
    if (
      ![x.low, x.nominal, x.high].every(Number.isFinite) ||
      !(x.low <= x.nominal + 1e-9 && x.nominal <= x.high + 1e-9)
    ) {
      throw new Error(
        `methodology bug: ${r.modelId} produced invalid ${name} ${JSON.stringify(x)}`,
      );
    }
  }
  return { ...r, embodiedG: { ...r.embodiedG }, trainingG: { ...r.trainingG } };
}
