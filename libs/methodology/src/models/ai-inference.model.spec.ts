import { CARBON_TRUST_2026_FACTOR_SET, withOverrides } from '@greenops/factors';
import { computeEmissions, MethodologyInputError, METHODOLOGY_VERSION } from '../index';
import { activity } from '../testing/activity.fixture';

const CT = { factorSet: CARBON_TRUST_2026_FACTOR_SET };

// Hand derivation of the WAN2.1-T2V-1.3B constants (report App. 3 calibration points):
//   L(720p, 192 frames)  = (1 + 191/4) × (1280/16) × (720/16)  = 48.75 × 80 × 45    = 175,500
//   L(1080p, 192 frames) = 48.75 × (1920/16) × (1080/16)       = 48.75 × 120 × 67.5 = 394,875
//   per step: 381/50 = 7.62 Wh, 1,847/50 = 36.94 Wh; E/(steps·L) = a + b·L:
//   y1 = 7.62/175,500 = 4.341880e-5, y2 = 36.94/394,875 = 9.354859e-5
//   b = (y2 − y1)/(394,875 − 175,500) = 2.285119e-10 Wh/token²/step
//   a = y1 − b × 175,500 = 3.314973e-6 Wh/token/step
//   other-IT uplift 1.178 (494/381/1.1 = 1.1787, 2,391/1,847/1.1 = 1.1769); service PUE 1.1
describe('ai.inference — video diffusion', () => {
  const video = (width: number, height: number, frames: number, steps = 50) =>
    activity('ai.inference', {
      ai: {
        model: 'Wan2.1-T2V-1.3B',
        modality: 'video',
        video: { width, height, frames },
        denoisingSteps: steps,
      },
    });

  it.each([
    // width, height, GPU Wh, facility Wh (GPU × 1.178 × 1.1), report total
    [1280, 720, 381, 493.6998, 494],
    [1920, 1080, 1847, 2393.3426, 2391],
  ])('reproduces the %dx%d calibration point', (w, h, gpuWh, facilityWh, reportWh) => {
    const r = computeEmissions(video(w, h, 192), CT);
    expect(r.tier).toBe('modelled');
    expect(r.modelId).toBe('ai.video.diffusion.wan2.1-t2v-1.3b');
    expect(r.energyItKwh.nominal * 1000).toBeCloseTo(gpuWh * 1.178, 6);
    expect(r.pue).toBe(1.1);
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(facilityWh, 3);
    // within 0.15 % of the report's rounded totals
    expect(Math.abs(r.energyKwh.nominal * 1000 - reportWh) / reportWh).toBeLessThan(0.0015);
  });

  it('lands on the report §5.1 nominal range 49–88 gCO2e (5.4 s, 15 fps, 720p, 50 steps, US grid)', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { model: 'wan2.1', video: { width: 1280, height: 720, fps: 15, durationS: 5.4 } },
      }),
      CT,
    );
    // frames = 5.4 × 15 = 81; L = (1 + 80/4) × 80 × 45 = 21 × 3,600 = 75,600
    // GPU = 50 × (3.314973e-6 × 75,600 + 2.285119e-10 × 75,600²) = 50 × (0.250612 + 1.306023) = 77.832 Wh
    // IT = 77.832 × 1.178 = 91.686 Wh (report footnote 2 quotes ~90 Wh for this video)
    expect(r.energyItKwh.nominal * 1000).toBeCloseTo(91.686, 2);
    // facility = 91.686 × 1.1 = 100.855 Wh; inference = 0.100855 kWh × 410 = 41.350 g
    expect(r.operationalG.nominal).toBeCloseTo(41.35, 2);
    // training (option 1a per kWh, CT 2026 §6.3.2): u × 410 g/kWh / (1 − 0.05) per facility kWh
    //   = 43.1579 / 215.7895 / 431.5789 g/kWh × 0.100855 kWh = 4.35268 / 21.7634 / 43.5268 g
    expect(r.trainingG.low).toBeCloseTo(4.35268, 4);
    expect(r.trainingG.nominal).toBeCloseTo(21.7634, 3);
    expect(r.trainingG.high).toBeCloseTo(43.5268, 3);
    // embodied (inference hardware only): 0.05/0.95 × 410 = 21.5789 g/kWh × 0.100855 = 2.17634 g
    expect(r.embodiedG).toEqual({
      low: expect.closeTo(2.17634, 4),
      nominal: expect.closeTo(2.17634, 4),
      high: expect.closeTo(2.17634, 4),
    });
    // totals 41.350 × (1 + u)/0.95 = 47.879 / 65.290 / 87.054 g — the report's split (training
    // u × inference, embodied 5 % of the total) gives the same totals at 410 g/kWh.
    // Report: "range from 49 to 88 gCO2e" (low/high training)
    expect(r.co2eG.low).toBeCloseTo(47.879, 2);
    expect(r.co2eG.nominal).toBeCloseTo(65.29, 2);
    expect(r.co2eG.high).toBeCloseTo(87.054, 2);
    expect(Math.abs(r.co2eG.low - 49) / 49).toBeLessThan(0.05);
    expect(Math.abs(r.co2eG.high - 88) / 88).toBeLessThan(0.05);
    expect(r.trainingAllocation).toBe('1a');
    expect(r.notes).toEqual([]);
    expect(r.scope).toBe(3);
    expect(r.category).toBe('scope3.cat1.purchased-goods-and-services');
  });

  it('falls back to the credits proxy: 120 credits / 15 per s = 8 s → 192 frames at 720p, 24 fps, 50 steps', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'video', credits: 120 } }),
      CT,
    );
    expect(r.tier).toBe('proxy');
    expect(r.modelId).toBe('ai.video.credits-proxy.wan2.1-t2v-1.3b');
    // same spec as the 720p calibration point: 381 × 1.178 × 1.1 = 493.6998 Wh; a proxy gets the
    // report's "Medium-to-high" band (Table 13), ×0.5–×2: 246.8499 … 987.3996 Wh
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(493.6998, 3);
    expect(r.energyKwh.low * 1000).toBeCloseTo(246.8499, 3);
    expect(r.energyKwh.high * 1000).toBeCloseTo(987.3996, 3);
  });

  it('splits credits over greenops.ai.videos clips before the (non-linear) model', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'video', credits: 240, videos: 2 } }),
      CT,
    );
    // 240 credits / 15 = 16 s over 2 clips = 8 s each = 192 frames at 24 fps → 2 × 493.6998 Wh
    // (one 16-s clip would be 384 frames: L = 96.75 × 3,600 = 348,300 and 50 × (3.314973e-6 ×
    // 348,300 + 2.285119e-10 × 348,300²) = 1,443.87 Wh GPU — not what was generated)
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(987.3996, 3);
  });

  it('counts greenops.ai.videos clips of the stated spec', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { model: 'wan2.1', video: { width: 1280, height: 720, frames: 192 }, videos: 3 },
      }),
      CT,
    );
    // 3 × 493.6998 Wh = 1,481.0994 Wh; modelled, no band
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(1481.0994, 3);
    expect(r.energyKwh.high).toBe(r.energyKwh.nominal);
    expect(r.tier).toBe('modelled');
  });

  it('gives an unregistered video model tier proxy and the medium-to-high band', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { model: 'runway-gen-4', video: { width: 1280, height: 720, frames: 192 } },
      }),
      CT,
    );
    // WAN2.1 constants: 493.6998 Wh facility; ×0.5 / ×2 → 246.8499 / 987.3996 Wh
    expect(r.tier).toBe('proxy');
    expect(r.energyKwh.low * 1000).toBeCloseTo(246.8499, 3);
    expect(r.energyKwh.high * 1000).toBeCloseTo(987.3996, 3);
    expect(r.notes).toEqual([
      "proxy: video model 'runway-gen-4' is not registered; wan2.1-t2v-1.3b constants with the medium-to-high band",
    ]);
    expect(r.factorIds).toContain('uncertainty.video.proxy');
  });

  it('flags a 2160p clip as extrapolated beyond the calibrated 720–1080p and widens its band', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { model: 'wan2.1', video: { width: 3840, height: 2160, frames: 192 } },
      }),
      CT,
    );
    // L = 48.75 × 240 × 135 = 1,579,500; GPU = 50 × (3.314973e-6 × 1,579,500
    //   + 2.285119e-10 × 1,579,500²) = 50 × (5.23600 + 570.0889) = 28,766.24 Wh
    // facility = 28,766.24 × 1.178 × 1.1 = 37,275.4 Wh; band ×0.5–×2
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(37_275.4, -1);
    expect(r.energyKwh.high / r.energyKwh.nominal).toBeCloseTo(2, 9);
    expect(r.tier).toBe('modelled');
    expect(r.notes).toEqual(['extrapolated: 2160p beyond calibrated 720–1080p']);
  });

  it('uses provider PUE and region grid for a cloud-hosted model', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        cloudProvider: 'gcp',
        cloudRegion: 'europe-west9',
        ai: { model: 'wan2.1', video: { width: 1280, height: 720, frames: 192 } },
      }),
    );
    // 381 × 1.178 = 448.818 Wh IT × 1.09 = 489.2116 Wh × 44.18 (FRA, Ember) = 21.6134 g
    expect(r.pue).toBe(1.09);
    expect(r.operationalG.nominal).toBeCloseTo(21.6134, 3);
    // Google's fleet PUE band runs to the industry average 1.56: 448.818 × 1.56 = 700.1561 Wh
    expect(r.energyKwh.low * 1000).toBeCloseTo(489.2116, 3);
    expect(r.energyKwh.high * 1000).toBeCloseTo(700.1561, 3);
  });
});

describe('ai.inference — training "1a" is per kWh of inference, whatever the inference grid (CT 2026 §6.3.2, App. 2)', () => {
  // Option 1a allocates the model's fixed creation emissions per unit of inference energy, so the
  // same clip carries the same training grams wherever it is generated: training ∝ facility kWh.
  const clip = (country: string, width = 1280, height = 720) =>
    computeEmissions(
      activity('ai.inference', {
        country,
        ai: { model: 'wan2.1', video: { width, height, frames: 192 } },
      }),
    );

  it('the same 720p clip in France and the US carries the same training and embodied grams', () => {
    const fr = clip('FR');
    const us = clip('US');
    // facility 381 × 1.178 × 1.1 = 493.6998 Wh (AI-service PUE 1.1) in both
    expect(fr.energyKwh.nominal).toBeCloseTo(us.energyKwh.nominal, 12);
    // training 0.5 × 410 / 0.95 = 215.7895 g/kWh × 0.4936998 kWh = 106.5352 g
    expect(fr.trainingG.nominal).toBeCloseTo(106.5352, 3);
    expect(us.trainingG.nominal).toBeCloseTo(106.5352, 3);
    // embodied 21.5789 g/kWh × 0.4936998 kWh = 10.65352 g
    expect(fr.embodiedG.nominal).toBeCloseTo(10.65352, 4);
    expect(us.embodiedG.nominal).toBeCloseTo(10.65352, 4);
    // only the inference follows the grid: 0.4936998 × 44.18 = 21.8117 g; × 383.55 = 189.3586 g
    expect(fr.operationalG.nominal).toBeCloseTo(21.8117, 3);
    expect(us.operationalG.nominal).toBeCloseTo(189.3586, 3);
  });

  it('a heavier clip carries training in proportion to its inference energy', () => {
    const hd = clip('FR', 1920, 1080);
    // 1,847 × 1.178 × 1.1 = 2,393.3426 Wh × 215.7895 g/kWh = 516.4629 g
    expect(hd.trainingG.nominal).toBeCloseTo(516.4629, 2);
    expect(hd.trainingG.nominal / hd.energyKwh.nominal).toBeCloseTo(215.7895, 3);
  });
});

describe('ai.inference — local run and training allocation', () => {
  // Measured 93 Wh on the report's workstation (its reference inference, App. 3), US grid 410 g/kWh
  const local = (energyKwh: number) =>
    activity(
      'ai.inference',
      {
        energyKwh,
        country: 'US',
        hw: { model: 'workstation' },
        ai: { model: 'wan2.1', modality: 'video' },
      },
      600,
    );

  it('option 1a: declared training per kWh of inference (App. 3: 100 t / 3,906,027 kWh)', () => {
    const r = computeEmissions(local(0.093), CT);
    expect(r.tier).toBe('measured');
    expect(r.pue).toBe(1);
    expect(r.scope).toBe(2);
    // inference 0.093 × 410 = 38.13 g
    expect(r.operationalG.nominal).toBeCloseTo(38.13, 9);
    // training: 0.093 kWh × 100e6 g / (84,000 × 500 × 0.093 kWh) = 100e6 / 42e6 = 2.380952 g
    //   low 50e6 / 420e6 = 0.119048 g; high 500e6 / 4.2e6 = 119.0476 g
    expect(r.trainingG.nominal).toBeCloseTo(2.380952, 5);
    expect(r.trainingG.low).toBeCloseTo(0.119048, 5);
    expect(r.trainingG.high).toBeCloseTo(119.0476, 3);
    // embodied: 447,000 g × (600 s / 3,600) / 21,900 h = 3.401826 g
    expect(r.embodiedG.nominal).toBeCloseTo(3.401826, 5);
  });

  it('option 1b: per inference — equal to 1a at the 93 Wh reference, constant when energy doubles', () => {
    const a = computeEmissions(local(0.186), CT);
    const b = computeEmissions(local(0.186), { ...CT, trainingAllocation: '1b' });
    // 1a: 0.186 × 25.60164 g/kWh = 4.761905 g; 1b: 2.380952 g per inference
    expect(a.trainingG.nominal).toBeCloseTo(4.761905, 5);
    expect(b.trainingG.nominal).toBeCloseTo(2.380952, 5);
    expect([a.trainingAllocation, b.trainingAllocation]).toEqual(['1a', '1b']);
    expect([a.methodologyVersion, b.methodologyVersion]).toEqual([
      `${METHODOLOGY_VERSION}+training.1a`,
      `${METHODOLOGY_VERSION}+training.1b`,
    ]);
  });

  // Table 10 Gen FX base case, local: 794 kWh measured over 2,935 workstation hours, 1,450 videos
  // (CT 2026 §7.5), on the US grid (App. 3 0.410 kg/kWh).
  const caseStudyLocalSpan = activity(
    'ai.inference',
    {
      energyKwh: 794,
      country: 'US',
      hw: { model: 'workstation' },
      ai: { model: 'wan2.1', modality: 'video', videos: 1450 },
    },
    2935 * 3600,
  );

  it('1b counts the 1,450 videos of the case study’s local span: 3.45 kg, not 2.38 g', () => {
    // tenant choice through the factor set: method.training.allocation = 2 (option 1b)
    const tenantSet = withOverrides(
      CARBON_TRUST_2026_FACTOR_SET,
      [
        {
          id: 'method.training.allocation',
          value: 2,
          unit: 'option',
          source: 'Studio policy: per-inference allocation',
          year: 2026,
        },
      ],
      { version: 'tenant-1b', name: 'tenant-1b' },
    );
    const r = computeEmissions(caseStudyLocalSpan, { factorSet: tenantSet });
    // 1,450 × 100 t / (84,000 users × 500 videos) = 1,450 × 2.3809524 g = 3,452.381 g
    //   low 1,450 × 50 t / 420,000,000 = 172.619 g; high 1,450 × 500 t / 4,200,000 = 172,619.05 g
    expect(r.trainingG.nominal).toBeCloseTo(3452.381, 2);
    expect(r.trainingG.low).toBeCloseTo(172.619, 2);
    expect(r.trainingG.high).toBeCloseTo(172_619.05, 1);
    expect(r.trainingAllocation).toBe('1b');
    expect(r.methodologyVersion).toBe(`${METHODOLOGY_VERSION}+training.1b`);
    expect(r.factorIds).toContain('method.training.allocation');
    // inference 794 × 410 = 325,540 g; embodied 447,000 g × 2,935 h / 21,900 h = 59,906.16 g
    expect(r.operationalG.nominal).toBeCloseTo(325_540, 6);
    expect(r.embodiedG.nominal).toBeCloseTo(59_906.16, 1);
  });

  it('1a on the same span: 794 kWh × 25.60164 g/kWh = 20,327.7 g (the report used 0.026 kg/kWh: 20,644 g)', () => {
    const r = computeEmissions(caseStudyLocalSpan, CT);
    // 100 t / (84,000 × 500 × 0.093 kWh) = 25.601639 g/kWh × 794 kWh = 20,327.70 g
    expect(r.trainingG.nominal).toBeCloseTo(20_327.7, 1);
    expect(r.trainingAllocation).toBe('1a');
  });

  it('1b for a service model without a per-inference figure falls back to 1a, and says so', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'image', images: 10 } }),
      { ...CT, trainingAllocation: '1b' },
    );
    expect(r.trainingAllocation).toBe('1a');
    expect(r.notes).toEqual([
      'training: option 1b requested, but ai.image.per-image has no per-inference model-creation figure; 1a applied',
    ]);
  });

  it('uses a reported local draw before the generic model', () => {
    const r = computeEmissions(
      activity(
        'ai.inference',
        {
          country: 'GB',
          hw: { powerW: 450 },
          ai: { modality: 'video', video: { width: 1280, height: 720, frames: 81 } },
        },
        120,
      ),
      CT,
    );
    // 450 W × 120 s = 15 Wh; × 222 g/kWh = 3.33 g
    expect(r.tier).toBe('modelled');
    expect(r.operationalG.nominal).toBeCloseTo(3.33, 9);
  });
});

describe('ai.inference — image, upscale, text proxies (report App. 3)', () => {
  it('image: 10 × 2.907 Wh × 1.29 (other IT and PUE 1.1)', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'image', images: 10 } }),
      CT,
    );
    // facility 10 × 2.907 × 1.29 = 37.5003 Wh; × 410 = 15.375123 g (report: 0.002 kg/image, US)
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(37.5003, 6);
    expect(r.operationalG.nominal).toBeCloseTo(15.375123, 5);
    expect(r.tier).toBe('proxy');
  });

  it('upscale: 4K for 8 s = 8.2944 MP × 8 s = 66.3552 MP-s × 3.68 / 12.895 / 22.11 Wh', () => {
    const r = computeEmissions(
      activity('ai.inference', {
        ai: { modality: 'upscale', video: { width: 3840, height: 2160, durationS: 8 } },
      }),
      CT,
    );
    // facility at PUE 1.1: 244.1871 / 855.6503 / 1,467.1135 Wh
    expect(r.energyKwh.low * 1000).toBeCloseTo(244.1871, 3);
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(855.6503, 3);
    expect(r.energyKwh.high * 1000).toBeCloseTo(1467.1135, 3);
    // inference 0.8556503 × 410 = 350.8166 g (report: 0.005 kg/MP-s × 66.36 = 332 g)
    expect(r.operationalG.nominal).toBeCloseTo(350.8166, 3);
  });

  it('text: 1,000 output tokens × 0.35 / 0.525 / 0.7 Wh per 1k', () => {
    const r = computeEmissions(
      activity('ai.inference', { ai: { modality: 'text', outputTokens: 1000, inputTokens: 200 } }),
    );
    // IT 0.525 Wh; facility 0.5775 Wh; × 383.55 (USA, Ember; service default grid) = 0.221500 g
    expect(r.energyItKwh.nominal * 1000).toBeCloseTo(0.525, 9);
    expect(r.operationalG.nominal).toBeCloseTo(0.2215001, 6);
    expect(r.energyItKwh.low * 1000).toBeCloseTo(0.35, 9);
  });

  it.each([
    [{ ai: { modality: 'video' as const } }, 'greenops.ai.video.frames'],
    [{ ai: { modality: 'text' as const, inputTokens: 5 } }, 'gen_ai.usage.output_tokens'],
    [{ ai: {} }, 'greenops.ai.modality'],
    [{ ai: { modality: 'audio' as const } }, 'greenops.energy.kwh'],
    [{ ai: { modality: 'upscale' as const, video: { durationS: 3 } } }, 'greenops.ai.video.width'],
    [
      {
        ai: {
          modality: 'video' as const,
          video: { width: 1280, height: 720, frames: 81 },
          denoisingSteps: -3,
        },
      },
      'greenops.ai.denoising_steps',
    ],
  ])('rejects %j naming %s', (measurements, field) => {
    expect(() => computeEmissions(activity('ai.inference', measurements))).toThrow(
      MethodologyInputError,
    );
    try {
      computeEmissions(activity('ai.inference', measurements));
    } catch (e) {
      expect((e as MethodologyInputError).field).toBe(field);
    }
  });
});
