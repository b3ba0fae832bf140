import { CARBON_TRUST_2026_FACTOR_SET } from '@greenops/factors';
import { computeEmissions } from '../index';
import { activity } from '../testing/activity.fixture';
import {
  artistComputerG,
  cloudVideoGenerationG,
  localRenderingG,
  localVideoGenerationG,
  upscalingG,
} from './vfx-case-study.equations';

const CT = { factorSet: CARBON_TRUST_2026_FACTOR_SET };

/** A cloud WAN2.1 clip with no location: the report's US grid (0.410 kg/kWh) and PUE 1.1. */
const cloudClip = (width: number, height: number, durationS: number, fps: number) =>
  computeEmissions(
    activity('ai.inference', {
      ai: { model: 'wan2.1', modality: 'video', video: { width, height, durationS, fps } },
    }),
    CT,
  );

// Hand derivation (constants a = 3.314973e-6, b = 2.285119e-10 from App. 3's 381 / 1,847 Wh, see
// ai-inference.model.spec.ts); facility = GPU × 1.178 × 1.1; inference g = kWh × 410; lifecycle
// total = inference × (1 + u) / 0.95 with u = 0.1 / 0.5 / 1.0 (training) and 5 % embodied.
//   5 s × 24 fps = 120 frames, 720p:  L = 30.75 × 80 × 45 = 110,700;
//     GPU = 50 × (0.366967 + 2.800265) = 158.3632 Wh → facility 205.2070 Wh → 84.1349 g
//   5 s × 24 fps, 1080p: L = 30.75 × 120 × 67.5 = 249,075 → GPU 750.1088 Wh → 971.9910 Wh → 398.5163 g
//   5 s × 30 fps = 150 frames, 720p: L = 38.25 × 3,600 = 137,700 → GPU 239.4676 Wh → 127.2238 g
//   8 s × 24 fps = 192 frames, 720p: the calibration point, 381 Wh → 493.6998 Wh → 202.4169 g
describe("App. 3's per-second cloud video table is the rate of a 5-s, 24-fps clip", () => {
  // App. 3 "Video gen (cloud)", US, kgCO2e/second: 720p inference 0.017, totals 0.020 / 0.027 /
  // 0.036; 1080p inference 0.080, totals 0.093 / 0.126 / 0.169. Each total is the sum of three
  // rows rounded to 1 g, so it is good to ±1.5 g/s.
  it.each([
    // width, height, inference g/s by hand, totals g/s by hand, App. 3 inference, App. 3 totals
    [1280, 720, 16.82698, [19.48386, 26.5689, 35.4252], 17, [20, 27, 36]],
    [1920, 1080, 79.70326, [92.28799, 125.84726, 167.79634], 80, [93, 126, 169]],
  ] as const)(
    '%dx%d: 5 s × 24 fps reproduces the table',
    (w, h, inferenceGPerS, totalsGPerS, reportInference, reportTotals) => {
      const r = cloudClip(w, h, 5, 24);
      expect(r.operationalG.nominal / 5).toBeCloseTo(inferenceGPerS, 4);
      expect(r.co2eG.low / 5).toBeCloseTo(totalsGPerS[0], 4);
      expect(r.co2eG.nominal / 5).toBeCloseTo(totalsGPerS[1], 4);
      expect(r.co2eG.high / 5).toBeCloseTo(totalsGPerS[2], 4);
      expect(Math.abs(r.operationalG.nominal / 5 - reportInference)).toBeLessThanOrEqual(0.5);
      const perS = [r.co2eG.low / 5, r.co2eG.nominal / 5, r.co2eG.high / 5];
      perS.forEach((x, i) => expect(Math.abs(x - reportTotals[i])).toBeLessThanOrEqual(1.5));
    },
  );

  it('is not the §6.2.4 unit (5 s at 30 fps): 25.44 g/s of inference, not 17', () => {
    // 127.2238 g / 5 s = 25.4448 g/s
    expect(cloudClip(1280, 720, 5, 30).operationalG.nominal / 5).toBeCloseTo(25.44477, 4);
  });

  it('an 8-s clip (the case study, §7.4.3) costs 1.5× that rate per second', () => {
    const r = cloudClip(1280, 720, 8, 24);
    // 202.4169 g / 8 s = 25.3021 g/s of inference; total 319.6057 g / 8 = 39.9507 g/s vs 26.5689
    expect(r.operationalG.nominal / 8).toBeCloseTo(25.30212, 4);
    expect(r.co2eG.nominal / 8).toBeCloseTo(39.95071, 4);
    expect(r.co2eG.nominal / 8 / (cloudClip(1280, 720, 5, 24).co2eG.nominal / 5)).toBeCloseTo(
      1.5037,
      3,
    );
  });
});

describe('App. 3 upscaling rows (US, per MP-second at 30 fps)', () => {
  it('low and high match; nominal is 8.35 g with the 0.5× training of cloud video, not 10', () => {
    // 1,000 × 1,000 px for 1 s at 30 fps = 1 MP-s; facility 3.68 / 12.895 / 22.11 Wh at PUE 1.1
    // inference × 410: 1.50880 / 5.28695 / 9.06510 g; total = inference × (1 + u) / 0.95:
    //   1.50880 × 1.1 / 0.95 = 1.74704 g; 5.28695 × 1.5 / 0.95 = 8.34782 g; 9.06510 × 2 / 0.95 = 19.08442 g
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { modality: 'upscale', video: { width: 1000, height: 1000, durationS: 1, fps: 30 } },
      }),
      CT,
    );
    expect(r.co2eG.low).toBeCloseTo(1.74704, 4);
    expect(r.co2eG.nominal).toBeCloseTo(8.34782, 4);
    expect(r.co2eG.high).toBeCloseTo(19.08442, 4);
    // App. 3: totals 0.002 / 0.010 / 0.019 kg. Low and high within the ±1.5 g of three rounded
    // rows; the nominal row (0.005 inference + 0.005 training + 0.001 embodied) takes training at
    // 1.0× inference and does not add up to its own 0.010 (docs/methodology.md).
    expect(Math.abs(r.co2eG.low - 2)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.co2eG.high - 19)).toBeLessThanOrEqual(1.5);
  });
});

// Table 10 Gen FX (base case): 687 cloud videos. §7.4.3: 8 s each, 720p, 24 fps, 15 credits/s.
describe('Table 10 Gen FX cloud video row, both ways (US grid)', () => {
  const credits = 687 * 8 * 15; // 82,440 credits = 5,496 s

  it("the report's reading: 5,496 s × App. 3's per-second totals (20 / 27 / 36 g/s)", () => {
    // 5,496 × 20 = 109,920 g; × 27 = 148,392 g; × 36 = 197,856 g
    expect(cloudVideoGenerationG(credits, 1 / 15, 20)).toBeCloseTo(109_920, 6);
    expect(cloudVideoGenerationG(credits, 1 / 15, 27)).toBeCloseTo(148_392, 6);
    expect(cloudVideoGenerationG(credits, 1 / 15, 36)).toBeCloseTo(197_856, 6);
  });

  it('ours: 687 clips of 8 s each through the diffusion model', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'video', credits, videos: 687 } }),
      CT,
    );
    // per clip 202.4169 g × 1.5 / 0.95 = 319.6057 g; × 687 = 219,569.1 g (1.48× the report's 148,392)
    expect(r.co2eG.nominal).toBeCloseTo(219_569.09, 1);
    expect(r.co2eG.nominal / 148_392).toBeCloseTo(1.4797, 3);
    // a credits estimate is a proxy: the energy band ×0.5–×2 (Table 13 "Medium-to-high") widens
    // the training band: low 0.5 × 202.4169 × 1.1 / 0.95 × 687 = 80,508.7 g,
    // high 2 × 202.4169 × 2 / 0.95 × 687 = 585,517.6 g
    expect(r.tier).toBe('proxy');
    expect(r.co2eG.low).toBeCloseTo(80_508.67, 1);
    expect(r.co2eG.high).toBeCloseTo(585_517.57, 1);
  });
});

describe('Gen FX base case (US): the rows Table 10 gives activity data for', () => {
  // App. 3 rounded intensities, App. 4 equations:
  //   local: 794 kWh × 0.410 kg + 794 × (0.001 / 0.026 / 1.280 kg/kWh training) + 2,935 h × 0.020 kg
  //        = 325,540 + 794 / 20,644 / 1,016,320 + 58,700 = 385,034 / 404,884 / 1,400,560 g
  //   cloud video (report's reading, above): 109,920 / 148,392 / 197,856 g
  //   upscaling: 87 videos × 8.3 MP × 8 s (App. 4's example clip) = 5,776.8 MP-s
  //        × 2 / 10 / 19 g = 11,553.6 / 57,768 / 109,759.2 g
  const local = (trainingGPerKwh: number) =>
    localVideoGenerationG(
      { energyKwh: 794, hours: 2935 },
      { elecGPerKwh: 410, trainingUplift: trainingGPerKwh / 410, embodiedGPerH: 20 },
    );
  const rows = [1, 26, 1280].map((training, i) => {
    const cloud = cloudVideoGenerationG(687 * 8 * 15, 1 / 15, [20, 27, 36][i]);
    const upscale = upscalingG(87, 8.3, 8, [2, 10, 19][i]);
    return local(training) + cloud + upscale;
  });

  it('sum to 506.5 / 611.0 / 1,708.2 kg', () => {
    expect(local(1)).toBeCloseTo(385_034, 6);
    expect(local(26)).toBeCloseTo(404_884, 6);
    expect(local(1280)).toBeCloseTo(1_400_560, 6);
    expect(rows[0]).toBeCloseTo(506_507.6, 3);
    expect(rows[1]).toBeCloseTo(611_044, 3);
    expect(rows[2]).toBeCloseTo(1_708_175.2, 3);
  });

  it("leave ≈ 392 kg of the report's ≈ 900–2,100 kg to images and artist computers, alike at both ends", () => {
    // §7.5: "approximately 900 to 2,100 kgCO2e" → 900,000 − 506,507.6 = 393,492.4 g and
    // 2,100,000 − 1,708,175.2 = 391,824.8 g. Rows without a training uplift (artist computers;
    // images carry 1 g of 2 g) should leave the same remainder low and high: they do, within 0.5 %.
    const remainderLow = 900_000 - rows[0];
    const remainderHigh = 2_100_000 - rows[2];
    expect(remainderLow).toBeCloseTo(393_492.4, 3);
    expect(remainderHigh).toBeCloseTo(391_824.8, 3);
    expect(Math.abs(remainderLow - remainderHigh) / remainderLow).toBeLessThan(0.005);
  });
});

// Carbon Trust (2026) §7.5 Table 10, traditional VFX: 16,791–51,087 kWh and 66,145–201,248 workstation
// hours; report result "between approximately 8,500 and 25,000 kgCO2e" (US grid 0.410 kg/kWh,
// local compute embodied 0.020 kg/h, App. 3).
describe('Appendix 4 equations reproduce Table 10 (traditional VFX, US grid)', () => {
  it('E_rendering,local = A_kWh × I_elec + A_hours × I_embodied', () => {
    // low: 16,791 × 410 + 66,145 × 20 = 6,884,310 + 1,322,900 = 8,207,210 g ≈ 8,207 kg
    const low = localRenderingG(
      { energyKwh: 16_791, hours: 66_145 },
      { elecGPerKwh: 410, embodiedGPerH: 20 },
    );
    expect(low).toBeCloseTo(8_207_210, 3);
    // high: 51,087 × 410 + 201,248 × 20 = 20,945,670 + 4,024,960 = 24,970,630 g ≈ 24,971 kg
    const high = localRenderingG(
      { energyKwh: 51_087, hours: 201_248 },
      { elecGPerKwh: 410, embodiedGPerH: 20 },
    );
    expect(high).toBeCloseTo(24_970_630, 3);
    // the report rounds to "approximately 8,500 and 25,000": within 5 %
    expect(Math.abs(low / 1000 - 8500) / 8500).toBeLessThan(0.05);
    expect(Math.abs(high / 1000 - 25000) / 25000).toBeLessThan(0.05);
  });

  it('computeEmissions on the same render activity gives the same range', () => {
    const run = (kwh: number, hours: number) =>
      computeEmissions(
        activity(
          'render',
          { energyKwh: kwh, country: 'US', hw: { model: 'workstation' } },
          hours * 3600,
        ),
        {
          factorSet: CARBON_TRUST_2026_FACTOR_SET,
        },
      ).co2eG.nominal;
    // embodied per hour unrounded: 447,000 g / 21,900 h = 20.4109589 g/h
    // low: 6,884,310 + 66,145 × 20.4109589 = 6,884,310 + 1,350,082.9 = 8,234,392.9 g
    expect(run(16_791, 66_145)).toBeCloseTo(8_234_392.9, 0);
    // high: 20,945,670 + 201,248 × 20.4109589 = 20,945,670 + 4,107,664.7 = 25,053,334.7 g
    expect(run(51_087, 201_248)).toBeCloseTo(25_053_334.7, 0);
  });

  it('artist computer and local video generation equations (App. 3 intensities)', () => {
    // 10 h × (104 + 20 + 17) g/h = 1,410 g (App. 3 "Artist computers, US, Total 0.141 kg/hour")
    expect(
      artistComputerG(10, { elecGPerH: 104, embodiedGPerH: 20, softwareGPerH: 17 }),
    ).toBeCloseTo(1410, 9);
    // Gen FX base case local compute 794 kWh, 2,935 h, nominal training 26 g/kWh ÷ 410 g/kWh uplift:
    // 794 × 410 = 325,540; training 794 × 26 = 20,644; embodied 2,935 × 20 = 58,700 → 404,884 g
    expect(
      localVideoGenerationG(
        { energyKwh: 794, hours: 2935 },
        { elecGPerKwh: 410, trainingUplift: 26 / 410, embodiedGPerH: 20 },
      ),
    ).toBeCloseTo(404_884, 6);
  });
});
