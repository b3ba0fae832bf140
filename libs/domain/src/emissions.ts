/** Every figure carries low / nominal / high (docs/methodology.md, uncertainty). */
export interface Range {
  low: number;
  nominal: number;
  high: number;
}

export const ZERO_RANGE: Range = Object.freeze({ low: 0, nominal: 0, high: 0 });

export function addRanges(...ranges: Range[]): Range {
  return ranges.reduce(
    (acc, r) => ({
      low: acc.low + r.low,
      nominal: acc.nominal + r.nominal,
      high: acc.high + r.high,
    }),
    { low: 0, nominal: 0, high: 0 },
  );
}

export function scaleRange(r: Range, factor: number): Range {
  return { low: r.low * factor, nominal: r.nominal * factor, high: r.high * factor };
}

/** Where an energy figure came from (report Table 7 hierarchy). */
export type DataQualityTier = 'measured' | 'modelled' | 'proxy';

/**
 * Carbon Trust 2026 Table 6 options for allocating model-creation (training) emissions to an
 * inference: 1a per unit of inference energy, 1b per inference.
 */
export type TrainingAllocationOption = '1a' | '1b';

/** GHG Protocol scope. */
export type GhgScope = 1 | 2 | 3;

/**
 * What the methodology computes for one activity. Grams CO2e and kWh.
 * co2eG = operationalG + embodiedG + trainingG (location-based);
 * co2eMarketG = operationalMarketG + embodiedG + trainingG.
 * embodiedG is the upstream (cradle-to-gate) share of the means of production: hardware
 * manufacturing and, for artist computers, software development (`softwareG`, part of it).
 */
export interface EmissionResult {
  /** IT energy before PUE. */
  energyItKwh: Range;
  /** Facility energy, PUE applied. */
  energyKwh: Range;
  pue: number;
  intensityGPerKwh: number;
  marketIntensityGPerKwh: number;
  operationalG: Range;
  operationalMarketG: Range;
  embodiedG: Range;
  trainingG: Range;
  /** Of embodiedG: development emissions of the software used (artist computers, CT 2026 App. 3 / §7.4.3). */
  softwareG: Range;
  co2eG: Range;
  co2eMarketG: Range;
  tier: DataQualityTier;
  scope: GhgScope;
  /** e.g. 'scope2.purchased-electricity', 'scope3.cat6.business-travel'. */
  category: string;
  /** The energy/emission model used, e.g. 'render.power-duration'. */
  modelId: string;
  /** Factor ids used, each resolvable in the factor set. */
  factorIds: string[];
  /** Training allocation option applied to this result (the factor set's choice unless the model offers no figure for it). */
  trainingAllocation: TrainingAllocationOption;
  /** Methodology version with the applied training option, e.g. `2026.12.0+training.1a`. */
  methodologyVersion: string;
  factorSetVersion: string;
  /** Flags an auditor should see, e.g. `extrapolated: 2160p beyond calibrated 720–1080p`. */
  notes: string[];
}
