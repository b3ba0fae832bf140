import type { EmissionResult } from '@greenops/domain';

/**
 * Per-fact ceilings (docs/methodology.md, "Per-fact ceilings"): no single activity uses more
 * than 1e9 kWh (a terawatt-hour; the largest power station produces about 2e8 kWh a day) or
 * emits more than 1e12 g CO2e (a million tonnes). Far above any real activity, they guarantee
 * that sums of stored facts stay finite and fit a float8 (1e15 facts of 1e12 g are 1e27 g).
 */
export const FACT_CEILINGS = { energyKwh: 1e9, co2eG: 1e12 } as const;

const ENERGY: ReadonlyArray<keyof EmissionResult> = ['energyItKwh', 'energyKwh'];
const MASS: ReadonlyArray<keyof EmissionResult> = [
  'operationalG',
  'operationalMarketG',
  'embodiedG',
  'trainingG',
  'softwareG',
  'co2eG',
  'co2eMarketG',
];

/**
 * The first figure of a result (any of low / nominal / high) that is not finite, negative or
 * above its ceiling, with the reason; undefined when the result may be stored.
 */
export function factCeilingProblem(
  result: EmissionResult,
): { field: string; reason: string } | undefined {
  const check = (names: ReadonlyArray<keyof EmissionResult>, ceiling: number, unit: string) => {
    for (const name of names) {
      const range = result[name] as { low: number; nominal: number; high: number };
      for (const end of ['low', 'nominal', 'high'] as const) {
        const value = range[end];
        if (!(value >= 0 && value <= ceiling)) {
          return {
            field: `${name}.${end}`,
            reason: `${value} ${unit} is outside [0, ${ceiling}] ${unit}, the per-fact ceiling`,
          };
        }
      }
    }
    return undefined;
  };
  return check(ENERGY, FACT_CEILINGS.energyKwh, 'kWh') ?? check(MASS, FACT_CEILINGS.co2eG, 'g');
}
