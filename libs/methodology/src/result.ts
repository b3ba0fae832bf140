import {
  addRanges,
  scaleRange,
  ZERO_RANGE,
  type DataQualityTier,
  type EmissionResult,
  type Range,
  type TrainingAllocationOption,
} from '@greenops/domain';
import type { FactorTrail } from './factor-trail';
import type { ScopeCategory } from './scope';
import { multiplyRanges } from './uncertainty';
import { methodologyVersionFor } from './version';

/** What every result records besides its figures. */
interface ResultCommon {
  tier: DataQualityTier;
  scope: ScopeCategory;
  modelId: string;
  /** Training option applied; default: the one in force (the trail's choices). */
  trainingAllocation?: TrainingAllocationOption;
  notes?: string[];
}

export interface ElectricityResultInput extends ResultCommon {
  energyItKwh: Range;
  /** Facility ÷ IT energy with its band; the result records the nominal. */
  pue: Range;
  locationGPerKwh: number;
  marketGPerKwh: number;
  /** Hardware embodied share. */
  embodiedG: Range;
  trainingG: Range;
  /** Software development share, added to embodied (upstream emissions of the tools used). */
  softwareG?: Range;
}

/**
 * Energy-based result: facility kWh = IT kWh × PUE (low × low, high × high); operational =
 * facility kWh × intensity; embodied = hardware + software development; co2e = operational +
 * embodied + training (SCI's E × I + M, plus the report's model-creation share).
 */
export function electricityResult(
  input: ElectricityResultInput,
  trail: FactorTrail,
): EmissionResult {
  const energyKwh = multiplyRanges(input.energyItKwh, input.pue);
  const operationalG = scaleRange(energyKwh, input.locationGPerKwh);
  const operationalMarketG = scaleRange(energyKwh, input.marketGPerKwh);
  const softwareG = input.softwareG ?? ZERO_RANGE;
  const embodiedG = addRanges(input.embodiedG, softwareG);
  return checked(
    {
      energyItKwh: input.energyItKwh,
      energyKwh,
      pue: input.pue.nominal,
      intensityGPerKwh: input.locationGPerKwh,
      marketIntensityGPerKwh: input.marketGPerKwh,
      operationalG,
      operationalMarketG,
      embodiedG,
      trainingG: input.trainingG,
      softwareG,
      co2eG: addRanges(operationalG, embodiedG, input.trainingG),
      co2eMarketG: addRanges(operationalMarketG, embodiedG, input.trainingG),
      ...common(input, trail),
    },
    input.pue,
  );
}

function common(input: ResultCommon, trail: FactorTrail) {
  const trainingAllocation = input.trainingAllocation ?? trail.choices.trainingAllocation;
  return {
    tier: input.tier,
    scope: input.scope.scope,
    category: input.scope.category,
    modelId: input.modelId,
    factorIds: trail.ids(),
    trainingAllocation,
    methodologyVersion: methodologyVersionFor(trainingAllocation),
    factorSetVersion: trail.set.version,
    notes: [...new Set(input.notes ?? [])],
  };
}

export interface DirectResultInput extends ResultCommon {
  /** Emissions not derived from electricity (fuel burnt, passenger-km, hotel nights). */
  emissionsG: Range;
  energyKwh?: Range;
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
    softwareG: ZERO_RANGE,
    co2eG: input.emissionsG,
    co2eMarketG: input.emissionsG,
    ...common(input, trail),
  });
}

/** Last line of defence: a non-finite or inverted range here is a methodology bug, not input. */
function checked(r: EmissionResult, pue?: Range): EmissionResult {
  const ranges: Array<[string, Range]> = [
    ...(pue ? ([['pue', pue]] as Array<[string, Range]>) : []),
    ['energyItKwh', r.energyItKwh],
    ['energyKwh', r.energyKwh],
    ['operationalG', r.operationalG],
    ['operationalMarketG', r.operationalMarketG],
    ['embodiedG', r.embodiedG],
    ['trainingG', r.trainingG],
    ['softwareG', r.softwareG],
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
  return {
    ...r,
    embodiedG: { ...r.embodiedG },
    trainingG: { ...r.trainingG },
    softwareG: { ...r.softwareG },
  };
}
