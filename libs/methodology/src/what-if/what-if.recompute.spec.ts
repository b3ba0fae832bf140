import { DEFAULT_FACTOR_SET, withOverrides, type Factor } from '@greenops/factors';
import type { Activity } from '@greenops/domain';
import { MethodologyInputError } from '../errors';
import { activity } from '../testing/activity.fixture';
import { recomputeWhatIf, type WhatIfActivityGroup } from './what-if.recompute';

// Factors of the shipped default set used below (libs/factors):
//   grid.location.GB 215.79, FR 44.18, US 383.55 g/kWh (Ember annual, via @tgwf/co2);
//   pue.server-room 1.8 (1.5–2.1); pue.ai-service 1.1 (CT 2026 App. 3);
//   workstation host embodied 447,000 g / 21,900 h = 20.41 g/h, band ×0.75 … ×1.25 (docs/methodology.md §5).
const options = { factorSet: DEFAULT_FACTOR_SET };
const one = (a: Activity, count = 1): WhatIfActivityGroup => ({ activity: a, count });

/** 10 kWh of farm rendering measured in GB for 1 h. */
const gbRender = (extra: Record<string, unknown> = {}) =>
  activity('render', { energyKwh: 10, country: 'GB', ...extra });

describe('what-if: grid change', () => {
  it('re-prices the electricity at the scenario country, worked by hand', () => {
    const r = recomputeWhatIf([one(gbRender({ pue: 1 }), 3)], { country: 'fr' }, options);
    // actual, per render: 10 kWh × 215.79 = 2,157.9 g + embodied 20.41 (15.31 … 25.51) g
    // scenario: 10 kWh × 44.18 = 441.8 g + the same embodied; × 3 renders
    // difference = 3 × 10 × (44.18 − 215.79) = −5,148.3 g at every end of the band
    expect(r.actual.co2eG.nominal).toBeCloseTo(3 * (2157.9 + 447000 / 21900), 6);
    expect(r.scenario.co2eG.nominal).toBeCloseTo(3 * (441.8 + 447000 / 21900), 6);
    expect(r.scenario.co2eG.low).toBeCloseTo(3 * (441.8 + 0.75 * (447000 / 21900)), 6);
    expect(r.differenceG.nominal).toBeCloseTo(-5148.3, 6);
    expect(r.differenceG.low).toBeCloseTo(-5148.3, 6);
    expect(r.differenceG.high).toBeCloseTo(-5148.3, 6);
    expect(r.actual.activityCount).toBe(3);
    expect(r.notes).toEqual(['grid FR: applied to 3 of 3 activities']);
  });

  it("prices the market-based figure from the tenant's contract for the new grid", () => {
    const contract = withOverrides(
      DEFAULT_FACTOR_SET,
      [
        {
          id: 'grid.market.FR',
          value: 10,
          unit: 'gCO2e/kWh',
          source: 'tenant PPA (test)',
          year: 2026,
        },
      ],
      { version: 'ppa-test', name: 'ppa test' },
    );
    // span-stated market 150 g/kWh in GB; in FR the contract's 10 g/kWh applies:
    // 10 kWh × PUE 1 × (10 − 150) = −1,400 g market-based; location 10 × (44.18 − 215.79) = −1,716.1 g
    const r = recomputeWhatIf(
      [one(gbRender({ pue: 1, marketIntensityGPerKwh: 150 }))],
      { country: 'FR' },
      { factorSet: contract },
    );
    expect(r.scenario.co2eMarketG - r.actual.co2eMarketG).toBeCloseTo(-1400, 6);
    expect(r.differenceG.nominal).toBeCloseTo(-1716.1, 6);
  });

  it('a cloud region moves data-centre work only, with the provider PUE, and says what it left', () => {
    const travel = activity('travel', { travel: { mode: 'rail', distanceKm: 100 } });
    const desk = activity('workstation', { energyKwh: 1, country: 'GB' });
    const r = recomputeWhatIf(
      [one(gbRender({ pue: 1 })), one(travel), one(desk)],
      { cloudProvider: 'aws', cloudRegion: 'eu-west-3' },
      options,
    );
    // render: 10 kWh × AWS PUE 1.15 × FR 44.18 = 508.07 g (the span's PUE 1 stays: it is the span's own)
    const render = r.byKind.find((l) => l.kind === 'render')!;
    expect(render.scenario.co2eG.nominal - render.actual.co2eG.nominal).toBeCloseTo(
      10 * 1 * 44.18 - 10 * 215.79,
      6,
    );
    expect(r.notes[0]).toBe(
      'grid aws/eu-west-3 (FR): applied to 1 of 3 activities; not applied to 1 desk-side, network or on-set work does not move to a cloud region; 1 not grid electricity (fuel, travel or hotel nights)',
    );
    expect(r.byKind.find((l) => l.kind === 'travel')!.differenceG.nominal).toBe(0);
  });

  it('refuses a grid the factor set does not know, naming the field', () => {
    expect(() => recomputeWhatIf([], { country: 'XX' }, options)).toThrow(
      new MethodologyInputError(
        'scenario.country',
        `factor set ${DEFAULT_FACTOR_SET.version} has no grid intensity for XX`,
      ),
    );
    expect(() => recomputeWhatIf([], { cloudProvider: 'aws' }, options)).toThrow(
      /scenario.cloudRegion/,
    );
    expect(() =>
      recomputeWhatIf(
        [],
        { country: 'FR', cloudProvider: 'aws', cloudRegion: 'eu-west-3' },
        options,
      ),
    ).toThrow(/scenario.country/);
  });
});

describe('what-if: PUE', () => {
  it('replaces the server-room PUE, band and all; a desk keeps its 1.0', () => {
    const room = gbRender({ facilityType: 'server-room' });
    const desk = gbRender();
    const r = recomputeWhatIf([one(room), one(desk)], { pue: 1.2 }, options);
    // server room: 10 kWh × 1.8 (1.5 … 2.1) × 215.79 → 10 × 1.2 × 215.79
    // nominal 10 × (1.2 − 1.8) × 215.79 = −1,294.74; low 10 × (1.2 − 1.5) × 215.79 = −647.37;
    // high 10 × (1.2 − 2.1) × 215.79 = −1,942.11 (the desk render is unchanged)
    expect(r.differenceG.nominal).toBeCloseTo(-1294.74, 6);
    expect(r.differenceG.low).toBeCloseTo(-647.37, 6);
    expect(r.differenceG.high).toBeCloseTo(-1942.11, 6);
    // energy 10 × 1.8 + 10 × 1 = 28 kWh → 10 × 1.2 + 10 = 22 kWh
    expect(r.actual.energyKwh).toBeCloseTo(28, 9);
    expect(r.scenario.energyKwh).toBeCloseTo(22, 9);
    expect(r.notes).toEqual([
      'PUE 1.2: applied to 1 of 2 activities; not applied to 1 runs at a desk-side workstation (no facility overhead)',
    ]);
  });
});

describe('what-if: UPSCALE_FROM_720P', () => {
  const wan = {
    model: 'WAN2.1-T2V-1.3B',
    modality: 'video' as const,
    denoisingSteps: 50,
    video: { width: 1920, height: 1080, frames: 192, fps: 24, durationS: 8 },
  };
  it('generates at 720p and upscales to 1080p with the report models, worked by hand', () => {
    const clip = activity('ai.inference', { country: 'US', ai: wan }, 600);
    const r = recomputeWhatIf([one(clip, 2)], { renderResolution: 'UPSCALE_FROM_720P' }, options);
    // CT 2026 App. 3, WAN2.1-T2V-1.3B, 8 s × 24 fps, 50 steps: GPU 1,847 Wh at 1080p, 381 Wh at 720p;
    // × 1.178 other IT × PUE 1.1 (AI as a service):
    //   1080p: 1,847 × 1.178 × 1.1 = 2,393.3426 Wh; 720p: 381 × 1.178 × 1.1 = 493.6998 Wh
    // upscale (App. 3, 12.895 Wh per output MP-second at 30 fps, already at PUE 1.1):
    //   1920 × 1080 = 2.0736 MP × 8 s × 24/30 = 13.27104 MP-s × 12.895 = 171.1301 Wh
    const actualKwh = 2.3933426;
    const scenarioKwh = 0.4936998 + (13.27104 * 12.895) / 1000;
    expect(r.actual.energyKwh).toBeCloseTo(2 * actualKwh, 9);
    expect(r.scenario.energyKwh).toBeCloseTo(2 * scenarioKwh, 9);
    // g per facility kWh, nominal (docs/methodology.md §5 and §10): US grid 383.55 + cloud embodied
    // 0.05/0.95 × 410 = 21.5789 + training 0.5 × 410 ÷ 0.95 = 215.7895 → 620.9184 g/kWh for both parts
    const gPerKwh = 383.55 + (0.05 / 0.95) * 410 + (0.5 * 410) / 0.95;
    expect(r.actual.co2eG.nominal).toBeCloseTo(2 * actualKwh * gPerKwh, 6);
    expect(r.scenario.co2eG.nominal).toBeCloseTo(2 * scenarioKwh * gPerKwh, 6);
    // (0.6648299 − 2.3933426) kWh × 620.9184 × 2 clips = −2,146.5 g
    expect(r.differenceG.nominal).toBeCloseTo(2 * (scenarioKwh - actualKwh) * gPerKwh, 6);
    expect(r.scenario.activityCount).toBe(2);
    expect(r.notes).toEqual(['generate at 720p and upscale: applied to 2 of 2 activities']);
  });

  it('leaves 720p clips and measured energies as recorded, and says why', () => {
    const at720 = activity('ai.inference', {
      country: 'US',
      ai: { ...wan, video: { ...wan.video, width: 1280, height: 720 } },
    });
    const measured = activity('ai.inference', { country: 'US', energyKwh: 1, ai: wan });
    const r = recomputeWhatIf(
      [one(at720), one(measured)],
      { renderResolution: 'UPSCALE_FROM_720P' },
      options,
    );
    expect(r.differenceG).toEqual({ low: 0, nominal: 0, high: 0 });
    expect(r.notes).toEqual([
      'generate at 720p and upscale: applied to 0 of 2 activities; not applied to 1 energy measured, not modelled per resolution; 1 generated at 720p or less already',
    ]);
  });
});

describe('what-if: carbon-aware shift', () => {
  const hourly = (hour: string, value: number): Factor => ({
    id: `grid.hourly.GB.2026-01-01T${hour}`,
    value,
    unit: 'gCO2e/kWh',
    source: 'tenant hourly series (test)',
    year: 2026,
  });
  const withSeries = withOverrides(
    DEFAULT_FACTOR_SET,
    [hourly('00', 300), hourly('01', 250), hourly('02', 100), hourly('03', 150)],
    { version: 'hourly-test', name: 'hourly test' },
  );

  it('moves a render to the lowest-intensity hour within the window, by hand', () => {
    // 10 kWh at PUE 1 from 00:00 for 1 h: as recorded 10 × 300 = 3,000 g;
    // within 3 h the 02:00 hour (100 g/kWh) is lowest: 10 × 100 = 1,000 g → −2,000 g
    const r = recomputeWhatIf(
      [one(gbRender({ pue: 1 }))],
      { carbonAwareShiftHours: 3 },
      { factorSet: withSeries },
    );
    expect(r.differenceG.nominal).toBeCloseTo(-2000, 6);
    // within 1 h only 01:00 (250): 10 × (250 − 300) = −500 g
    const short = recomputeWhatIf(
      [one(gbRender({ pue: 1 }))],
      { carbonAwareShiftHours: 1 },
      { factorSet: withSeries },
    );
    expect(short.differenceG.nominal).toBeCloseTo(-500, 6);
    expect(r.notes).toEqual(['carbon-aware shift up to 3 h: applied to 1 of 1 activities']);
  });

  it('leaves work on a grid without a series, or with a span-stated intensity, where it is', () => {
    const fr = activity('render', { energyKwh: 10, country: 'FR', pue: 1 });
    const stated = gbRender({ pue: 1, intensityGPerKwh: 300 });
    const r = recomputeWhatIf(
      [one(fr), one(stated)],
      { carbonAwareShiftHours: 3 },
      { factorSet: withSeries },
    );
    expect(r.differenceG).toEqual({ low: 0, nominal: 0, high: 0 });
    expect(r.notes).toEqual([
      'carbon-aware shift up to 3 h: applied to 0 of 2 activities; not applied to 2 no hourly series covers its grid and hours',
    ]);
  });

  it('does not move desks or sets, and says so plainly without an hourly series', () => {
    const desk = activity('workstation', { energyKwh: 1, country: 'GB' });
    const r = recomputeWhatIf(
      [one(gbRender({ pue: 1 })), one(desk)],
      { carbonAwareShiftHours: 3 },
      { factorSet: withSeries },
    );
    expect(r.notes).toEqual([
      'carbon-aware shift up to 3 h: applied to 1 of 2 activities; not applied to 1 not shiftable batch work',
    ]);
    const none = recomputeWhatIf(
      [one(gbRender({ pue: 1 }))],
      { carbonAwareShiftHours: 3 },
      options,
    );
    expect(none.differenceG).toEqual({ low: 0, nominal: 0, high: 0 });
    expect(none.notes).toEqual([
      `carbon-aware shift: not applied, factor set ${DEFAULT_FACTOR_SET.version} holds no hourly grid intensity (grid.hourly.<CC>.<hour>); shiftable work stays as recorded`,
    ]);
  });
});

describe('what-if: lighting and bad input', () => {
  it('says lighting is not modelled rather than inventing efficacies', () => {
    const set = activity('onset.energy', {
      onset: { lightingType: 'hmi' },
      hw: { count: 4 },
      country: 'GB',
    });
    const r = recomputeWhatIf([one(set)], { lighting: 'LED' }, options);
    expect(r.differenceG).toEqual({ low: 0, nominal: 0, high: 0 });
    expect(r.notes).toEqual([
      `lighting LED: not modelled — factor set ${DEFAULT_FACTOR_SET.version} has no published efficacy (lm/W) per lighting type, and the on-set proxy's fixture draws are assumptions; 1 on-set activities stay as recorded`,
    ]);
  });

  it('an activity the engine refuses is named and left out of both totals; the rest goes through', () => {
    const broken = activity('render', { country: 'GB' }); // no energy, power or model
    const r = recomputeWhatIf(
      [one(gbRender({ pue: 1 })), one(broken, 5)],
      { country: 'FR' },
      options,
    );
    expect(r.actual.activityCount).toBe(1);
    expect(r.problems).toEqual([
      expect.objectContaining({
        stage: 'as recorded',
        activityCount: 5,
        field: expect.any(String),
      }),
    ]);
    expect(r.differenceG.nominal).toBeCloseTo(10 * (44.18 - 215.79), 6);
    expect(() => recomputeWhatIf([], { pue: 0.9 }, options)).toThrow(/scenario.pue/);
    expect(() => recomputeWhatIf([], { carbonAwareShiftHours: 49 }, options)).toThrow(
      /scenario.carbonAwareShiftHours/,
    );
  });
});
