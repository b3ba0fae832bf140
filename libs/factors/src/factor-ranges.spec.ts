import { FACTOR_SETS } from './index';
import { FACTOR_RANGES, factorRange, factorRangeProblem } from './factor-ranges';
import { overrideProblems } from './override-problems';
import { DEFAULT_FACTOR_SET } from './sets/default.factor-set';

describe('factor ranges', () => {
  const shipped = Object.values(FACTOR_SETS).flatMap((set) => Object.values(set.factors));

  it('has a range, with a reason, for every unit a shipped factor uses', () => {
    const missing = [...new Set(shipped.map((f) => f.unit))].filter((u) => !factorRange(u));
    expect(missing).toEqual([]);
    for (const range of Object.values(FACTOR_RANGES)) {
      expect(range.reason.length).toBeGreaterThan(0);
      expect(range.min).toBeLessThanOrEqual(range.max);
    }
  });

  it('holds every shipped factor (value and band) inside its unit range', () => {
    expect(shipped.map((f) => factorRangeProblem(f)).filter(Boolean)).toEqual([]);
  });

  const gb = {
    id: 'grid.location.GB',
    value: 120,
    unit: 'gCO2e/kWh',
    source: 'Studio PPA meter data',
    year: 2026,
  };

  it('refuses a published intensity of 1e308 or below zero, naming key, value and range', () => {
    expect(overrideProblems(DEFAULT_FACTOR_SET, [{ ...gb, value: 1e308 }])).toEqual([
      'factors[0].value: grid.location.GB value 1e+308 gCO2e/kWh is outside the plausible range ' +
        '[0, 2000] gCO2e/kWh (no grid emits less than nothing; pure lignite is about 1,200 g/kWh)',
    ]);
    expect(overrideProblems(DEFAULT_FACTOR_SET, [{ ...gb, value: -500, low: -600 }])[0]).toContain(
      'grid.location.GB value -500 gCO2e/kWh is outside the plausible range [0, 2000]',
    );
    expect(overrideProblems(DEFAULT_FACTOR_SET, [{ ...gb, high: 5000 }])[0]).toContain(
      'grid.location.GB high 5000 gCO2e/kWh is outside',
    );
  });

  it('refuses a factor whose unit has no range', () => {
    const unranged = { ...DEFAULT_FACTOR_SET.factors['grid.location.GB'], unit: 'furlongs' };
    const base = {
      ...DEFAULT_FACTOR_SET,
      factors: { ...DEFAULT_FACTOR_SET.factors, 'grid.location.GB': unranged },
    };
    expect(overrideProblems(base, [{ ...gb, unit: 'furlongs' }])).toEqual([
      "factors[0].value: grid.location.GB: unit 'furlongs' has no plausible range",
    ]);
  });
});
