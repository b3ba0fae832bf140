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

/** Aggregate-table column → EmissionsTotals field (the tables of migration 1767225600300). */
const COLUMNS: ReadonlyArray<readonly [column: string, alias: keyof EmissionsTotals]> = [
  ['energy_kwh', 'energyKwh'],
  ['co2e_g', 'co2eG'],
  ['co2e_market_g', 'co2eMarketG'],
  ['operational_g', 'operationalG'],
  ['embodied_g', 'embodiedG'],
  ['training_g', 'trainingG'],
  ['co2e_low_g', 'lowG'],
  ['co2e_high_g', 'highG'],
];

/** GraphQL's Int is 32-bit; a count beyond it is reported as the largest Int. */
const MAX_INT = 2147483647;

/**
 * Select list summing rows `t` of project_scope_totals or artifact_totals (aliases match
 * EmissionsTotals). In numeric, clamped to the float8 range: no stored value makes it fail.
 */
export const SUMMED_TOTALS_SELECT = [
  ...COLUMNS.map(
    ([column, alias]) =>
      `coalesce(greenops_clamp_float8(sum(t.${column}::numeric)), 0) as "${alias}"`,
  ),
  // least() ignores nulls: the empty sum must become 0 before it is capped.
  `least(coalesce(sum(t.activity_count), 0), ${MAX_INT})::int as "activityCount"`,
].join(',\n  ');

/** Select list of one row `t` of an aggregate table, as EmissionsTotals. */
export const ROW_TOTALS_SELECT = [
  ...COLUMNS.map(([column, alias]) => `t.${column} as "${alias}"`),
  `least(t.activity_count, ${MAX_INT})::int as "activityCount"`,
].join(',\n  ');

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
