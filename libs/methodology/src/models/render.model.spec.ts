import { CARBON_TRUST_2026_FACTOR_SET, DEFAULT_FACTOR_SET } from '@greenops/factors';
import { computeEmissions, MethodologyInputError, METHODOLOGY_VERSION } from '../index';
import { activity } from '../testing/activity.fixture';

// Factors used below, by hand:
//   Ember annual averages via @tgwf/co2/data: USA 383.55, GBR 215.79, BEL 117.58, FRA 44.18, WORLD 472.94 gCO2e/kWh
//   PUE (providers' 2024 fleet reports, Uptime Institute survey 2024): AWS 1.15, Google 1.09, OVHcloud 1.26, industry 1.56; own workstation 1.0
//   Report workstation (App. 3): 447 kgCO2e embodied, 5 y × 8,760 h × 50 % = 21,900 active h
describe('render / workstation', () => {
  it('models 4 GPUs × 300 W × 2 h on AWS us-east-1', () => {
    const r = computeEmissions(
      activity(
        'render',
        { cloudProvider: 'aws', cloudRegion: 'us-east-1', hw: { count: 4, powerW: 300 } },
        7200,
      ),
    );
    // IT: 4 × 300 W × 2 h = 2,400 Wh = 2.4 kWh, ±10 % → 2.16 .. 2.64
    expect(r.energyItKwh.nominal).toBeCloseTo(2.4, 10);
    expect(r.energyItKwh.low).toBeCloseTo(2.16, 10);
    expect(r.energyItKwh.high).toBeCloseTo(2.64, 10);
    // facility: 2.4 × 1.15 = 2.76 kWh
    expect(r.pue).toBe(1.15);
    expect(r.energyKwh.nominal).toBeCloseTo(2.76, 10);
    // operational: 2.76 × 383.55 = 1,058.598 g
    expect(r.intensityGPerKwh).toBe(383.55);
    expect(r.operationalG.nominal).toBeCloseTo(1058.598, 6);
    // embodied (no catalogue model → one report workstation host): 447,000 g × 2 h / 21,900 h = 40.8219 g
    expect(r.embodiedG.nominal).toBeCloseTo(40.8219178, 5);
    // total 1,058.598 + 40.8219 = 1,099.4199 g; market = location (no market figure supplied)
    expect(r.co2eG.nominal).toBeCloseTo(1099.4199178, 5);
    expect(r.co2eMarketG.nominal).toBeCloseTo(1099.4199178, 5);
    // low: 2.16 × 1.15 × 383.55 = 952.7382; embodied low 335,250 × 2 / 21,900 = 30.6164 → 983.3546
    expect(r.co2eG.low).toBeCloseTo(983.3546, 3);
    // high: 2.64 × 1.15 × 383.55 = 1,164.4578; embodied high 558,750 × 2 / 21,900 = 51.0274 → 1,215.4852
    expect(r.co2eG.high).toBeCloseTo(1215.4852, 3);
    expect(r.trainingG).toEqual({ low: 0, nominal: 0, high: 0 });
    expect(r.tier).toBe('modelled');
    expect(r.scope).toBe(3);
    expect(r.category).toBe('scope3.cat1.purchased-goods-and-services');
    expect(r.modelId).toBe('render.power-duration');
    expect(r.factorIds).toEqual(
      expect.arrayContaining([
        'pue.cloud.aws',
        'grid.location.US',
        'device.embodied.workstation',
        'device.lifetime.workstation',
      ]),
    );
    expect(r.methodologyVersion).toBe(METHODOLOGY_VERSION);
    expect(r.factorSetVersion).toBe(DEFAULT_FACTOR_SET.version);
  });

  it("reproduces the report's 90 Wh at 0.410 kgCO2e/kWh = 36.9 g (§2 footnote 2)", () => {
    const r = computeEmissions(activity('workstation', { energyKwh: 0.09, country: 'US' }), {
      factorSet: CARBON_TRUST_2026_FACTOR_SET,
    });
    // 0.09 kWh × 1.0 (own machine) × 410 g/kWh = 36.9 g
    expect(r.tier).toBe('measured');
    expect(r.pue).toBe(1);
    expect(r.operationalG).toEqual({
      low: expect.closeTo(36.9, 9),
      nominal: expect.closeTo(36.9, 9),
      high: expect.closeTo(36.9, 9),
    });
    expect(r.scope).toBe(2);
    expect(r.category).toBe('scope2.purchased-electricity');
    expect(r.factorSetVersion).toBe(CARBON_TRUST_2026_FACTOR_SET.version);
  });

  it('uses the catalogue draw when only the model is known (proxy tier)', () => {
    const r = computeEmissions(
      activity('render', { hw: { model: 'NVIDIA GeForce RTX 4090' }, country: 'GB' }, 3600),
    );
    // 450 W (NVIDIA TGP) × 1 h = 0.45 kWh; band 60 %..100 % → 0.27 .. 0.45
    expect(r.tier).toBe('proxy');
    expect(r.energyItKwh.nominal).toBeCloseTo(0.45, 10);
    expect(r.energyItKwh.low).toBeCloseTo(0.27, 10);
    expect(r.energyItKwh.high).toBeCloseTo(0.45, 10);
    // 0.45 × 215.79 = 97.1055 g
    expect(r.operationalG.nominal).toBeCloseTo(97.1055, 6);
    expect(r.factorIds).toContain('device.power.nvidia-rtx-4090');
  });

  it('charges catalogue workstations their own draw and embodied share × count', () => {
    const r = computeEmissions(
      activity('workstation', { hw: { model: 'workstation', count: 2 }, country: 'FR' }, 8 * 3600),
    );
    // 2 × 250 W × 8 h = 4 kWh; × 44.18 = 176.72 g
    expect(r.energyKwh.nominal).toBeCloseTo(4, 10);
    expect(r.operationalG.nominal).toBeCloseTo(176.72, 6);
    // 447,000 g × 2 × 8 h / 21,900 h = 326.5753 g
    expect(r.embodiedG.nominal).toBeCloseTo(326.5753425, 5);
  });

  it('honours span overrides for PUE, intensities, utilisation and embodied', () => {
    const r = computeEmissions(
      activity('render', {
        pue: 1.3,
        intensityGPerKwh: 100,
        marketIntensityGPerKwh: 20,
        hw: { count: 2, powerW: 500, utilization: 0.5, embodiedKgCo2e: 200, lifetimeH: 10000 },
      }),
    );
    // IT 500 × 2 × 0.5 × 1 h = 0.5 kWh; facility 0.65 kWh; 65 g location, 13 g market
    expect(r.energyKwh.nominal).toBeCloseTo(0.65, 10);
    expect(r.operationalG.nominal).toBeCloseTo(65, 9);
    expect(r.operationalMarketG.nominal).toBeCloseTo(13, 9);
    // M = 200,000 g × 2 × 1 h / 10,000 h = 40 g, ±25 % → 30 .. 50
    expect(r.embodiedG.nominal).toBeCloseTo(40, 9);
    expect(r.embodiedG.low).toBeCloseTo(30, 9);
    expect(r.embodiedG.high).toBeCloseTo(50, 9);
    expect(r.co2eG.nominal).toBeCloseTo(105, 9);
    expect(r.co2eMarketG.nominal).toBeCloseTo(53, 9);
  });

  it.each([
    // provider, region, expected PUE, expected intensity
    ['gcp', 'europe-west1', 1.09, 117.58], // Belgium
    ['ovhcloud', 'GRA11', 1.26, 44.18], // Gravelines, France
    ['alibaba_cloud', 'cn-hangzhou', 1.56, 472.94], // unknown provider → industry PUE; unknown region → world
  ])('maps %s/%s to PUE %d and %d g/kWh', (provider, region, pue, intensity) => {
    const r = computeEmissions(
      activity('render', { energyKwh: 1, cloudProvider: provider, cloudRegion: region }),
    );
    expect(r.pue).toBe(pue);
    expect(r.intensityGPerKwh).toBe(intensity);
    expect(r.operationalG.nominal).toBeCloseTo(pue * intensity, 9);
  });

  it('falls back to the Ember world average without any location', () => {
    const r = computeEmissions(activity('workstation', { energyKwh: 2 }));
    // 2 kWh × 472.94 = 945.88 g
    expect(r.operationalG.nominal).toBeCloseTo(945.88, 9);
    expect(r.factorIds).toContain('grid.location.WORLD');
  });

  it.each([
    [{}, 'greenops.hw.power_w'],
    [{ hw: { model: 'Unknown GPU 9000' } }, 'greenops.hw.power_w'],
    [{ energyKwh: -1 }, 'greenops.energy.kwh'],
    [{ energyKwh: Number.NaN }, 'greenops.energy.kwh'],
    [{ energyKwh: 1, pue: 0.5 }, 'greenops.pue'],
    [{ hw: { powerW: 100, utilization: 2 } }, 'greenops.hw.utilization'],
    [{ hw: { powerW: 100, count: 0 } }, 'greenops.hw.count'],
    [{ hw: { powerW: Number.POSITIVE_INFINITY } }, 'greenops.hw.power_w'],
    [{ energyKwh: 1, intensityGPerKwh: -5 }, 'greenops.carbon_intensity.g_per_kwh'],
    [{ energyKwh: 1, hw: { lifetimeH: 0 } }, 'greenops.hw.lifetime_h'],
  ])('rejects %j naming %s', (measurements, field) => {
    const run = () => computeEmissions(activity('render', measurements));
    expect(run).toThrow(MethodologyInputError);
    try {
      run();
    } catch (e) {
      expect((e as MethodologyInputError).field).toBe(field);
      expect((e as MethodologyInputError).reason.length).toBeGreaterThan(0);
    }
  });
});
