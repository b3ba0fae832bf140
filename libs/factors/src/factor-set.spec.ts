import {
  CARBON_TRUST_2026_FACTOR_SET,
  DEFAULT_FACTOR_SET,
  FACTOR_SETS,
  findDevice,
  getFactor,
  validateFactor,
  validateFactorSet,
  withOverrides,
} from './index';

describe('factor sets', () => {
  it.each(Object.values(FACTOR_SETS).map((s) => [s.name, s] as const))(
    '%s: every factor has unit, source, year and a consistent band',
    (_n, set) => {
      expect(set.version).toMatch(/^\d{4}\.\d+\.\d+/);
      for (const f of Object.values(set.factors)) {
        expect(f.unit).toBeTruthy();
        expect(f.source).toBeTruthy();
        expect(Number.isInteger(f.year)).toBe(true);
      }
      expect(validateFactorSet(set)).toEqual([]);
    },
  );

  it('reads Ember grid averages from @tgwf/co2/data (values quoted in docs/methodology.md §4)', () => {
    expect(getFactor(DEFAULT_FACTOR_SET, 'grid.location.US')?.value).toBe(383.55);
    expect(getFactor(DEFAULT_FACTOR_SET, 'grid.location.GB')?.value).toBe(215.79);
    expect(getFactor(DEFAULT_FACTOR_SET, 'grid.location.FR')?.value).toBe(44.18);
    // 209 countries mapped from alpha-3 plus WORLD
    expect(
      Object.keys(DEFAULT_FACTOR_SET.factors).filter((k) => k.startsWith('grid.location.')).length,
    ).toBeGreaterThan(200);
  });

  it("carries the report's own grid factors as a named set (App. 3: 0.410 / 0.222 / 0.064 kg/kWh)", () => {
    expect(getFactor(CARBON_TRUST_2026_FACTOR_SET, 'grid.location.US')?.value).toBe(410);
    expect(getFactor(CARBON_TRUST_2026_FACTOR_SET, 'grid.location.GB')?.value).toBe(222);
    expect(getFactor(CARBON_TRUST_2026_FACTOR_SET, 'grid.location.FR')?.value).toBe(64);
    expect(getFactor(CARBON_TRUST_2026_FACTOR_SET, 'grid.location.DE')?.value).toBe(
      getFactor(DEFAULT_FACTOR_SET, 'grid.location.DE')?.value,
    );
    expect(CARBON_TRUST_2026_FACTOR_SET.version).not.toBe(DEFAULT_FACTOR_SET.version);
  });

  it('ships provider fleet PUEs as published', () => {
    const pue = (id: string) => getFactor(DEFAULT_FACTOR_SET, id)?.value;
    expect([
      pue('pue.cloud.gcp'),
      pue('pue.cloud.aws'),
      pue('pue.cloud.azure'),
      pue('pue.cloud.ovhcloud'),
      pue('pue.industry-average'),
    ]).toEqual([1.09, 1.15, 1.17, 1.26, 1.56]);
  });

  it('DESNZ travel, hotel and fuel factors are the 2025 edition and cite where they were checked', () => {
    const desnz = Object.values(DEFAULT_FACTOR_SET.factors).filter(
      (f) =>
        /^(travel|accommodation|fuel)\./.test(f.id) && !f.source.startsWith('GreenOps assumption'),
    );
    expect(desnz.length).toBe(23); // 9 flights, 3 cars, van, taxi, rail, 3 ferries, 2 hotel, 3 fuels
    for (const f of desnz) {
      expect(f.year).toBe(2025);
      expect(f.source).toMatch(/conversion factors 2025|DESNZ 2025/);
      expect(f.source).toMatch(/JulesProject|exact-value search/);
    }
    // Spot values as published (DESNZ 2025 flat file): long-haul business with / without RF,
    // regular taxi per vehicle-km, diesel (average biofuel blend) per litre.
    const f = (id: string) => getFactor(DEFAULT_FACTOR_SET, id);
    expect([
      f('travel.flight.long-haul.business')?.value,
      f('travel.flight.long-haul.business')?.low,
    ]).toEqual([0.3394, 0.20083]);
    expect(f('travel.taxi.regular')?.value).toBe(0.20806);
    expect([f('fuel.diesel.kg-per-litre')?.value, f('fuel.diesel.kg-per-litre')?.high]).toEqual([
      2.57082, 2.66155,
    ]);
  });

  it('finds devices by alias after normalisation', () => {
    expect(findDevice(DEFAULT_FACTOR_SET, 'NVIDIA GeForce RTX 4090')?.id).toBe('nvidia-rtx-4090');
    expect(findDevice(DEFAULT_FACTOR_SET, 'nvidia-a100-sxm4-80gb')?.id).toBe('nvidia-a100-sxm');
    expect(findDevice(DEFAULT_FACTOR_SET, 'toaster')).toBeUndefined();
  });

  it('applies tenant overrides under a new version and flags unsourced factors', () => {
    const tenant = withOverrides(
      DEFAULT_FACTOR_SET,
      [
        {
          id: 'grid.location.GB',
          value: 20,
          unit: 'gCO2e/kWh',
          source: 'Supplier REGO-backed tariff 2026',
          year: 2026,
        },
      ],
      { version: '2026.11.0+tenant-a.1', name: 'tenant-a' },
    );
    expect(getFactor(tenant, 'grid.location.GB')?.value).toBe(20);
    expect(getFactor(DEFAULT_FACTOR_SET, 'grid.location.GB')?.value).toBe(215.79);
    expect(
      validateFactor({ id: 'x', value: 1, unit: '', source: '', year: 0 }).map((i) => i.reason),
    ).toEqual(['missing unit', 'missing source', 'missing or implausible year']);
    expect(
      validateFactor({ id: 'y', value: 1, unit: 'W', source: 's', year: 2024, low: 2 })[0]?.reason,
    ).toMatch(/band/);
  });
});
