import type { ActivityMeasurements, FacilityType } from '@greenops/domain';
import { CARBON_TRUST_2026_FACTOR_SET, DEFAULT_FACTOR_SET } from '@greenops/factors';
import { computeEmissions, MethodologyInputError, METHODOLOGY_VERSION } from '../index';
import { activity } from '../testing/activity.fixture';

// Factors used below, by hand:
//   Ember annual averages via @tgwf/co2/data: USA 383.55, GBR 215.79, BEL 117.58, FRA 44.18, WORLD 472.94 gCO2e/kWh
//   PUE (providers' 2024 fleet reports, Uptime Institute survey 2024): AWS 1.15, Google 1.09, OVHcloud 1.26, industry 1.56
//     (provider bands run to 1.56); desk-side workstation 1.0; server room 1.8 (1.5–2.1, LBNL 2013 field measurements)
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
    // high: 2.64 kWh × 1.56 (AWS's band runs to the industry average) × 383.55 = 1,579.6123;
    //   embodied high 558,750 × 2 / 21,900 = 51.0274 → 1,630.6397
    expect(r.energyKwh.high).toBeCloseTo(2.64 * 1.56, 10);
    expect(r.co2eG.high).toBeCloseTo(1630.6397, 3);
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
    expect(r.methodologyVersion).toBe(`${METHODOLOGY_VERSION}+training.1a`);
    expect(r.trainingAllocation).toBe('1a');
    expect(r.softwareG).toEqual({ low: 0, nominal: 0, high: 0 });
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

  it('uses the catalogue draw when only the model is known: board power × typical utilisation × host', () => {
    const r = computeEmissions(
      activity('render', { hw: { model: 'NVIDIA GeForce RTX 4090' }, country: 'GB' }, 3600),
    );
    // 450 W (NVIDIA TGP) × typical utilisation 0.65 (0.5 … 1.0; CT 2026 Table 3 from Shehabi
    // et al. 2024) × host IT 1.178 (App. 3 other IT) × 1 h = 344.565 Wh (265.05 … 530.1 Wh)
    expect(r.tier).toBe('proxy');
    expect(r.energyItKwh.nominal).toBeCloseTo(0.344565, 10);
    expect(r.energyItKwh.low).toBeCloseTo(0.26505, 10);
    expect(r.energyItKwh.high).toBeCloseTo(0.5301, 10);
    // a desk card: workstation PUE 1.0; 0.344565 × 215.79 = 74.3537 g
    expect(r.pue).toBe(1);
    expect(r.operationalG.nominal).toBeCloseTo(74.35368, 5);
    expect(r.factorIds).toEqual(
      expect.arrayContaining([
        'device.power.nvidia-rtx-4090',
        'device.gpu.typical-utilisation',
        'device.gpu.host-it-uplift',
      ]),
    );
  });

  it('a reported utilisation replaces the typical one', () => {
    const r = computeEmissions(
      activity('render', { hw: { model: 'RTX 4090', utilization: 0.9 }, country: 'GB' }, 3600),
    );
    // 450 W × 0.9 × 1.178 × 1 h = 477.09 Wh, no band beyond the catalogue figure's own (none)
    expect(r.energyItKwh).toEqual({
      low: expect.closeTo(0.47709, 10),
      nominal: expect.closeTo(0.47709, 10),
      high: expect.closeTo(0.47709, 10),
    });
  });

  it('on premises, data-centre GPUs sit in a server room: PUE 1.8 (1.5–2.1) unless the span says where', () => {
    const h100 = (extra: object = {}) =>
      computeEmissions(
        activity('render', { hw: { model: 'H100', powerW: 500 }, country: 'GB', ...extra }, 3600),
      );
    // 500 W × 1 h × host 1.178 = 0.589 kWh IT (±10 %: 0.5301 … 0.6479)
    const room = h100();
    expect(room.energyItKwh.nominal).toBeCloseTo(0.589, 10);
    // × 1.8 = 1.0602 kWh (0.5301 × 1.5 = 0.79515 … 0.6479 × 2.1 = 1.36059)
    expect(room.pue).toBe(1.8);
    expect(room.energyKwh.nominal).toBeCloseTo(1.0602, 10);
    expect(room.energyKwh.low).toBeCloseTo(0.79515, 10);
    expect(room.energyKwh.high).toBeCloseTo(1.36059, 10);
    expect(room.factorIds).toContain('pue.server-room');
    expect(h100({ facilityType: 'workstation' }).pue).toBe(1);
    expect(h100({ facilityType: 'data-centre' }).pue).toBe(1.56);
    // a desk card can be declared in a server room too
    expect(
      computeEmissions(
        activity('render', { hw: { model: 'RTX 4090', powerW: 400 }, facilityType: 'server-room' }),
      ).pue,
    ).toBe(1.8);
  });

  it('energy boundary "facility": kWh from a provider footprint tool get no PUE on top', () => {
    const it = computeEmissions(
      activity('render', { energyKwh: 10, cloudProvider: 'aws', cloudRegion: 'us-east-1' }),
    );
    const facility = computeEmissions(
      activity('render', {
        energyKwh: 10,
        energyBoundary: 'facility',
        cloudProvider: 'aws',
        cloudRegion: 'us-east-1',
      }),
    );
    // it: 10 kWh × 1.15 × 383.55 = 4,410.825 g; facility: 10 kWh × 383.55 = 3,835.5 g
    expect(it.operationalG.nominal).toBeCloseTo(4410.825, 6);
    expect(facility.pue).toBe(1);
    expect(facility.energyKwh).toEqual({ low: 10, nominal: 10, high: 10 });
    expect(facility.operationalG.nominal).toBeCloseTo(3835.5, 6);
    expect(facility.notes).toEqual([
      'energy boundary: facility (overhead already in the measured kWh, no PUE applied)',
    ]);
    expect(facility.factorIds).not.toContain('pue.cloud.aws');
  });

  it('overlapping spans on one host share its embodied through greenops.hw.embodied_share', () => {
    const span = (embodiedShare?: number) =>
      computeEmissions(
        activity('render', { hw: { powerW: 300 }, country: 'GB', embodiedShare }, 3600),
      ).embodiedG.nominal;
    // one host-hour: 447,000 g / 21,900 h = 20.4109589 g; two concurrent jobs at 0.5 each = one host-hour
    expect(span()).toBeCloseTo(20.4109589, 6);
    expect(span(0.5) + span(0.5)).toBeCloseTo(20.4109589, 6);
    // a nested child span carries none
    expect(span(0)).toBe(0);
  });

  it('charges catalogue workstations their own draw and embodied share × count', () => {
    const r = computeEmissions(
      activity('workstation', { hw: { model: 'workstation', count: 2 }, country: 'FR' }, 8 * 3600),
    );
    // 2 × 250 W × 8 h = 4 kWh; × 44.18 = 176.72 g
    expect(r.energyKwh.nominal).toBeCloseTo(4, 10);
    expect(r.operationalG.nominal).toBeCloseTo(176.72, 6);
    // hardware 447,000 g × 2 × 8 h / 21,900 h = 326.5753 g; an artist's computer also carries
    // software development (App. 3, §7.4.3), part of embodied (upstream emissions of its tools):
    // 2 seats × 8 h × 16.870620 g/h (523,411 t / 31.025 bn user-hours) = 269.92993 g (±25 %)
    expect(r.softwareG.nominal).toBeCloseTo(269.92993, 4);
    expect(r.softwareG.low).toBeCloseTo(269.92993 * 0.75, 4);
    expect(r.embodiedG.nominal).toBeCloseTo(326.5753425 + 269.92993, 4);
    // 176.72 + 326.5753 + 269.9299 = 773.2253 g
    expect(r.co2eG.nominal).toBeCloseTo(773.22527, 4);
  });

  it("an artist workstation costs 139.8 g/h on the US grid: the report's 141 g/h (App. 3) with its rounding", () => {
    const r = computeEmissions(
      activity('workstation', { hw: { model: 'workstation' }, country: 'US' }, 3600),
      { factorSet: CARBON_TRUST_2026_FACTOR_SET },
    );
    // electricity 250 W × 1 h × 0.410 kg/kWh = 102.5 g; embodied: hardware 447,000 / 21,900 =
    // 20.4110 g + software 16.8706 g → 139.7816 g/h
    expect(r.operationalG.nominal).toBeCloseTo(102.5, 9);
    expect(r.softwareG.nominal).toBeCloseTo(16.87062, 5);
    expect(r.embodiedG.nominal).toBeCloseTo(20.410959 + 16.87062, 5);
    expect(r.co2eG.nominal).toBeCloseTo(139.78158, 4);
    // App. 3 sums its rounded rows: 0.104 + 0.020 + 0.017 = 0.141 kg/h. Three 3-decimal roundings
    // are worth ±1.5 g; its 0.104 for 250 W × 0.410 = 0.1025 kg is itself 1.5 g high.
    expect(Math.abs(r.co2eG.nominal - 141)).toBeLessThanOrEqual(1.5);
    // without the software factor the same hour was 122.9 g
    expect(r.co2eG.nominal - r.softwareG.nominal).toBeCloseTo(122.91096, 4);
  });

  it('render nodes carry no software share', () => {
    const r = computeEmissions(activity('render', { hw: { model: 'workstation' }, country: 'US' }));
    expect(r.softwareG).toEqual({ low: 0, nominal: 0, high: 0 });
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

  it('an unknown provider selling AI gets the AI-service PUE 1.1, as when no provider is named', () => {
    const named = computeEmissions(
      activity('ai.inference', {
        energyKwh: 1,
        cloudProvider: 'alibaba_cloud',
        ai: { modality: 'text' },
      }),
    );
    const unnamed = computeEmissions(
      activity('ai.inference', { energyKwh: 1, ai: { modality: 'text' } }),
    );
    expect(named.pue).toBe(1.1);
    expect(unnamed.pue).toBe(1.1);
  });

  it('falls back to the Ember world average without any location', () => {
    const r = computeEmissions(activity('workstation', { energyKwh: 2 }));
    // 2 kWh × 472.94 = 945.88 g
    expect(r.operationalG.nominal).toBeCloseTo(945.88, 9);
    expect(r.factorIds).toContain('grid.location.WORLD');
  });

  it.each<[ActivityMeasurements, string]>([
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
    [{ energyKwh: 1, embodiedShare: 1.5 }, 'greenops.hw.embodied_share'],
    [{ energyKwh: 1, energyBoundary: 'facility', pue: 1.2 }, 'greenops.pue'],
    [{ hw: { powerW: 100 }, energyBoundary: 'facility' }, 'greenops.energy.boundary'],
    // a value that bypassed ingest (e.g. replayed from an older log) is still named
    [{ energyKwh: 1, facilityType: 'garage' as FacilityType }, 'greenops.facility.type'],
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
