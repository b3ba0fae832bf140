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

/** GHG Protocol scope. */
export type GhgScope = 1 | 2 | 3;

/**
 * What the methodology computes for one activity. Grams CO2e and kWh.
 * co2eG = operationalG + embodiedG + trainingG (location-based);
 * co2eMarketG = operationalMarketG + embodiedG + trainingG.
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
  methodologyVersion: string;
  factorSetVersion: string;
}
