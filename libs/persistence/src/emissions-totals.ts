/** Sums over a set of facts; every figure is 0 (never null) for an empty set. */
export interface EmissionsTotals {
  energyKwh: number;
  co2eG: number;
  co2eMarketG: number;
  operationalG: number;
  embodiedG: number;
  trainingG: number;
  lowG: number;
  highG: number;
  activityCount: number;
}

/** Select list shared by every totals query (aliases match EmissionsTotals). */
export const TOTALS_SELECT = `
  coalesce(sum(f.energy_kwh), 0)::float8 as "energyKwh",
  coalesce(sum(f.co2e_g), 0)::float8 as "co2eG",
  coalesce(sum(f.co2e_market_g), 0)::float8 as "co2eMarketG",
  coalesce(sum(f.operational_g), 0)::float8 as "operationalG",
  coalesce(sum(f.embodied_g), 0)::float8 as "embodiedG",
  coalesce(sum(f.training_g), 0)::float8 as "trainingG",
  coalesce(sum(f.co2e_low_g), 0)::float8 as "lowG",
  coalesce(sum(f.co2e_high_g), 0)::float8 as "highG",
  count(*)::int as "activityCount"`;

export function toTotals(row: EmissionsTotals | undefined): EmissionsTotals {
  return {
    energyKwh: row?.energyKwh ?? 0,
    co2eG: row?.co2eG ?? 0,
    co2eMarketG: row?.co2eMarketG ?? 0,
    operationalG: row?.operationalG ?? 0,
    embodiedG: row?.embodiedG ?? 0,
    trainingG: row?.trainingG ?? 0,
    lowG: row?.lowG ?? 0,
    highG: row?.highG ?? 0,
    activityCount: row?.activityCount ?? 0,
  };
}
