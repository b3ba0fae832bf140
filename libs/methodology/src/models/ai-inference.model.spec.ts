import { CARBON_TRUST_2026_FACTOR_SET } from '@greenops/factors';
import { computeEmissions, MethodologyInputError } from '../index';
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
    // training 0.1 / 0.5 / 1.0 × 41.350 = 4.135 / 20.675 / 41.350 g
    expect(r.trainingG.low).toBeCloseTo(4.135, 2);
    expect(r.trainingG.nominal).toBeCloseTo(20.675, 2);
    expect(r.trainingG.high).toBeCloseTo(41.35, 2);
    // embodied: 0.100855 kWh × (0.05/0.95 × 410 = 21.5789 g/kWh) × (1 + u) = 2.394 / 3.2645 / 4.353 g
    expect(r.embodiedG.nominal).toBeCloseTo(3.2645, 3);
    // totals 47.879 / 65.290 / 87.054 g — report: "range from 49 to 88 gCO2e" (low/high training)
    expect(r.co2eG.low).toBeCloseTo(47.879, 2);
    expect(r.co2eG.nominal).toBeCloseTo(65.29, 2);
    expect(r.co2eG.high).toBeCloseTo(87.054, 2);
    expect(Math.abs(r.co2eG.low - 49) / 49).toBeLessThan(0.05);
    expect(Math.abs(r.co2eG.high - 88) / 88).toBeLessThan(0.05);
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
    // same spec as the 720p calibration point: 381 × 1.178 × 1.1 = 493.6998 Wh
    expect(r.energyKwh.nominal * 1000).toBeCloseTo(493.6998, 3);
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
    const b = computeEmissions(local(0.186), { ...CT, trainingAllocation: 'per-inference' });
    // 1a: 0.186 × 25.60164 g/kWh = 4.761905 g; 1b: 2.380952 g per inference
    expect(a.trainingG.nominal).toBeCloseTo(4.761905, 5);
    expect(b.trainingG.nominal).toBeCloseTo(2.380952, 5);
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
