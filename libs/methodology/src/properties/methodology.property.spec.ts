import fc from 'fast-check';
import type { Activity, Range } from '@greenops/domain';
import { computeEmissions, MethodologyInputError } from '../index';
import { WAN2_1_T2V_1_3B } from '../models/ai-model-registry';
import { calibrateDiffusion, diffusionGpuWh } from '../models/video-diffusion.energy-model';
import { activity } from '../testing/activity.fixture';

// WAN2.1 constants from the report's calibration points (see ai-inference.model.spec.ts for the hand derivation).
const g = WAN2_1_T2V_1_3B.geometry;
const c = calibrateDiffusion(
  { spec: { width: 1280, height: 720, frames: 192, steps: 50 }, gpuWh: 381 },
  { spec: { width: 1920, height: 1080, frames: 192, steps: 50 }, gpuWh: 1847 },
  g,
);
const spec = fc.record({
  width: fc.integer({ min: 640, max: 3840 }),
  height: fc.integer({ min: 360, max: 2160 }),
  frames: fc.integer({ min: 24, max: 400 }),
  steps: fc.integer({ min: 1, max: 100 }),
});

describe('video diffusion energy model properties', () => {
  it('energy doubles when steps double', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const ratio = diffusionGpuWh({ ...s, steps: 2 * s.steps }, g, c) / diffusionGpuWh(s, g, c);
        expect(ratio).toBeCloseTo(2, 9);
      }),
    );
  });

  // Latent frames are 1 + (F − 1)/4, so doubling F multiplies L by (2F + 3)/(F + 3) < 2; the
  // quadratic term then gives < 4. From 1 s at 24 fps and 360p up the result stays in [2, 4].
  it('energy grows between ×2 and ×4 when frames double', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const ratio =
          diffusionGpuWh({ ...s, frames: 2 * s.frames }, g, c) / diffusionGpuWh(s, g, c);
        expect(ratio).toBeGreaterThanOrEqual(2);
        expect(ratio).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('energy grows faster than pixel count (close to quadratic)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const ratio =
          diffusionGpuWh({ ...s, width: 2 * s.width, height: 2 * s.height }, g, c) /
          diffusionGpuWh(s, g, c);
        expect(ratio).toBeGreaterThan(4);
        expect(ratio).toBeLessThanOrEqual(16);
      }),
    );
  });
});

const inRange = (r: Range) => r.low <= r.nominal + 1e-9 && r.nominal <= r.high + 1e-9;

/** Arbitrary activities of the energy-based kinds, inside each model's valid domain. */
const energyActivity: fc.Arbitrary<Activity> = fc.oneof(
  fc
    .record({
      powerW: fc.double({ min: 1, max: 5000, noNaN: true }),
      count: fc.integer({ min: 1, max: 16 }),
      s: fc.integer({ min: 0, max: 86400 }),
    })
    .map(({ powerW, count, s }) => activity('render', { hw: { powerW, count }, country: 'GB' }, s)),
  fc
    .record({
      kwh: fc.double({ min: 0, max: 1000, noNaN: true }),
      s: fc.integer({ min: 0, max: 86400 }),
    })
    .map(({ kwh, s }) =>
      activity(
        'workstation',
        { energyKwh: kwh, cloudProvider: 'aws', cloudRegion: 'eu-west-2' },
        s,
      ),
    ),
  spec.map((v) =>
    activity('ai.inference', {
      ai: {
        model: 'wan2.1',
        video: { width: v.width, height: v.height, frames: v.frames },
        denoisingSteps: v.steps,
      },
    }),
  ),
  fc
    .integer({ min: 1, max: 500 })
    .map((images) => activity('ai.inference', { ai: { modality: 'image', images } })),
  fc
    .integer({ min: 0, max: 100000 })
    .map((t) => activity('ai.inference', { ai: { modality: 'text', outputTokens: t } })),
  fc
    .double({ min: 1, max: 10000, noNaN: true })
    .map((credits) => activity('ai.inference', { ai: { modality: 'video', credits } })),
  fc
    .record({
      kwh: fc.double({ min: 0, max: 1000, noNaN: true }),
      videos: fc.integer({ min: 1, max: 5000 }),
      s: fc.integer({ min: 0, max: 86400 }),
    })
    .map(({ kwh, videos, s }) =>
      activity(
        'ai.inference',
        { energyKwh: kwh, hw: { model: 'workstation' }, ai: { model: 'wan2.1', videos } },
        s,
      ),
    ),
  fc
    .record({
      s: fc.integer({ min: 0, max: 86400 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ s, share }) =>
      activity(
        'workstation',
        { hw: { model: 'RTX 4090' }, facilityType: 'server-room', embodiedShare: share },
        s,
      ),
    ),
);

describe('methodology properties', () => {
  it('low ≤ nominal ≤ high for every figure, all finite', () => {
    fc.assert(
      fc.property(
        energyActivity,
        fc.constantFrom('1a' as const, '1b' as const),
        (a, trainingAllocation) => {
          const r = computeEmissions(a, { trainingAllocation });
          for (const x of [
            r.energyItKwh,
            r.energyKwh,
            r.operationalG,
            r.operationalMarketG,
            r.embodiedG,
            r.trainingG,
            r.softwareG,
            r.co2eG,
            r.co2eMarketG,
          ]) {
            expect([x.low, x.nominal, x.high].every(Number.isFinite)).toBe(true);
            expect(inRange(x)).toBe(true);
          }
          expect(r.co2eG.nominal).toBeCloseTo(
            r.operationalG.nominal + r.embodiedG.nominal + r.trainingG.nominal,
            6,
          );
          // software development is the part of embodied that comes from the tools used
          expect(r.softwareG.high).toBeLessThanOrEqual(r.embodiedG.high + 1e-9);
          // 1a is always applicable; 1b falls back to 1a only with a note saying so
          if (trainingAllocation === '1a') expect(r.trainingAllocation).toBe('1a');
          else if (r.trainingAllocation === '1a' && r.trainingG.nominal > 0)
            expect(r.notes.some((n) => n.startsWith('training: option 1b requested'))).toBe(true);
          expect(r.methodologyVersion.endsWith(`+training.${r.trainingAllocation}`)).toBe(true);
        },
      ),
    );
  });

  // Only electricity follows the grid. Embodied (hardware), training (model creation, allocated
  // per kWh of inference: CT 2026 §6.3.2 option 1a) and software do not depend on where it ran.
  it('operational emissions scale linearly with grid intensity; embodied, training and software do not move', () => {
    fc.assert(
      fc.property(
        energyActivity,
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.1, max: 2.5, noNaN: true }),
        (a, i, k) => {
          const at = (intensityGPerKwh: number) =>
            computeEmissions({ ...a, measurements: { ...a.measurements, intensityGPerKwh } });
          const r1 = at(i);
          const r2 = at(i * k);
          expect(r2.operationalG.nominal).toBeCloseTo(r1.operationalG.nominal * k, 6);
          expect(r2.embodiedG).toEqual(r1.embodiedG);
          expect(r2.trainingG).toEqual(r1.trainingG);
          expect(r2.softwareG).toEqual(r1.softwareG);
        },
      ),
    );
  });

  it('never returns NaN for malformed numbers: it throws a named input error', () => {
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1);
    fc.assert(
      fc.property(bad, (x) => {
        for (const a of [
          activity('render', { hw: { powerW: x } }),
          activity('render', { energyKwh: x }),
          activity('ai.inference', { ai: { modality: 'image', images: x } }),
          activity('ai.inference', {
            ai: { modality: 'video', video: { width: x, height: 720, frames: 81 } },
          }),
        ]) {
          expect(() => computeEmissions(a)).toThrow(MethodologyInputError);
        }
      }),
    );
  });
});
