import { DEFAULT_FACTOR_SET } from './index';
import { overrideProblems } from './override-problems';

describe('overrideProblems', () => {
  const studio = {
    id: 'grid.location.GB',
    value: 120,
    unit: 'gCO2e/kWh',
    source: 'Studio supply contract meter data',
    year: 2026,
  };

  it('accepts a sourced, dated override of a known factor in its unit', () => {
    expect(overrideProblems(DEFAULT_FACTOR_SET, [studio])).toEqual([]);
  });

  it('accepts tenant-only grid factors: contract (market) intensity and an hourly series', () => {
    const tenantOnly = { unit: 'gCO2e/kWh', source: 'Studio B PPA', year: 2026 };
    expect(
      overrideProblems(DEFAULT_FACTOR_SET, [
        { ...tenantOnly, id: 'grid.market.GB', value: 25 },
        { ...tenantOnly, id: 'grid.hourly.GB.2026-11-02T09', value: 180 },
      ]),
    ).toEqual([]);
    expect(
      overrideProblems(DEFAULT_FACTOR_SET, [
        { ...tenantOnly, id: 'grid.market.XX', value: 25 },
        { ...tenantOnly, id: 'grid.hourly.GB.2026-13-02T09', value: 180 },
        { ...tenantOnly, id: 'grid.market.GB', value: 25, unit: 'kgCO2e/kWh' },
      ]),
    ).toEqual([
      "factors[0].id: 'XX' is not a grid the catalogue knows",
      "factors[1].id: '2026-13-02T09' is not a UTC hour (YYYY-MM-DDTHH)",
      "factors[2].unit: must be 'gCO2e/kWh' (the unit of grid.market.GB), got 'kgCO2e/kWh'",
    ]);
  });

  it('names each unusable override and why', () => {
    expect(
      overrideProblems(DEFAULT_FACTOR_SET, [
        { ...studio, id: 'grid.location.ATLANTIS' },
        { ...studio, unit: 'kgCO2e/kWh' },
        { ...studio, source: '', year: 1850 },
        { ...studio, low: 130 },
        studio,
      ]),
    ).toEqual([
      `factors[0].id: 'grid.location.ATLANTIS' is not a factor of catalogue ${DEFAULT_FACTOR_SET.version}`,
      "factors[1].unit: must be 'gCO2e/kWh' (the unit of grid.location.GB), got 'kgCO2e/kWh'",
      "factors[2].id: 'grid.location.GB' is overridden twice",
      'factors[2]: missing source',
      'factors[2]: missing or implausible year',
      "factors[3].id: 'grid.location.GB' is overridden twice",
      'factors[3]: band must satisfy low <= value <= high',
      "factors[4].id: 'grid.location.GB' is overridden twice",
    ]);
  });
});
