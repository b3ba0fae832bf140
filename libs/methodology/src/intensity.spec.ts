import { DEFAULT_FACTOR_SET, withOverrides, type Factor } from '@greenops/factors';
import { computeEmissions } from './index';
import { activity } from './testing/activity.fixture';

/** Tenant evidence: an hourly series for two hours and a contract (market) figure for GB. */
const evidence = (id: string, value: number): Factor => ({
  id,
  value,
  unit: 'gCO2e/kWh',
  source: 'Studio B meter / PPA',
  year: 2026,
});
const TENANT_SET = withOverrides(
  DEFAULT_FACTOR_SET,
  [
    evidence('grid.hourly.GB.2026-11-02T09', 100),
    evidence('grid.hourly.GB.2026-11-02T10', 200),
    evidence('grid.market.GB', 25),
  ],
  { version: 'tenant-test', name: 'tenant test' },
);

/** 1 kWh measured in GB, PUE 1, from `start` for `hours`. */
function gbRender(start: string, hours: number, extra: Record<string, number> = {}) {
  const a = activity('render', { energyKwh: 1, country: 'GB', pue: 1, ...extra }, hours * 3600);
  return {
    ...a,
    startTime: start,
    endTime: new Date(Date.parse(start) + hours * 3_600_000).toISOString(),
  };
}

describe('grid intensity: hourly series and contract figures from a tenant factor set', () => {
  it('averages the hourly series over the activity, weighted by time in each hour', () => {
    // 09:30–11:30 UTC: ½ h at 100 + 1 h at 200 + ½ h at the annual 215.79 (no 11:00 point)
    // = (50 + 200 + 107.895) / 2 h = 178.9475 g/kWh; × 1 kWh
    const result = computeEmissions(gbRender('2026-11-02T09:30:00Z', 2), { factorSet: TENANT_SET });
    expect(result.intensityGPerKwh).toBeCloseTo(178.9475, 9);
    expect(result.operationalG.nominal).toBeCloseTo(178.9475, 9);
    expect(result.factorIds).toEqual(
      expect.arrayContaining(['grid.hourly.GB.2026-11-02T09', 'grid.hourly.GB.2026-11-02T10']),
    );
  });

  it('averages over greenops.activity.duration_s when the span sets it (an instant span logging 2 h)', () => {
    // start 09:30, end = start (an instant span), duration_s = 7,200: the same 09:30–11:30 as
    // above → 178.9475 g/kWh, not the 09:00 point alone (100)
    const instant = { ...gbRender('2026-11-02T09:30:00Z', 0), durationS: 7200 };
    const result = computeEmissions(instant, { factorSet: TENANT_SET });
    expect(result.intensityGPerKwh).toBeCloseTo(178.9475, 9);
  });

  it('uses the annual figure outside the series, and without one', () => {
    expect(
      computeEmissions(gbRender('2026-11-03T09:00:00Z', 1), { factorSet: TENANT_SET })
        .intensityGPerKwh,
    ).toBeCloseTo(215.79, 9);
    expect(computeEmissions(gbRender('2026-11-02T09:00:00Z', 1)).intensityGPerKwh).toBeCloseTo(
      215.79,
      9,
    );
  });

  it("reports market-based emissions with the tenant's contract figure", () => {
    // location: the 09:00 hour, 100 g/kWh; market: the PPA, 25 g/kWh
    const result = computeEmissions(gbRender('2026-11-02T09:00:00Z', 1), { factorSet: TENANT_SET });
    expect(result.operationalG.nominal).toBeCloseTo(100, 9);
    expect(result.operationalMarketG.nominal).toBeCloseTo(25, 9);
    expect(result.marketIntensityGPerKwh).toBe(25);
  });

  it('lets a span intensity override both', () => {
    const result = computeEmissions(
      gbRender('2026-11-02T09:00:00Z', 1, { intensityGPerKwh: 300, marketIntensityGPerKwh: 10 }),
      { factorSet: TENANT_SET },
    );
    expect(result.operationalG.nominal).toBeCloseTo(300, 9);
    expect(result.operationalMarketG.nominal).toBeCloseTo(10, 9);
  });
});
