import { CARBON_TRUST_2026_FACTOR_SET } from '@greenops/factors';
import {
  functionalUnitEmissions,
  MethodologyInputError,
  type StandardFunctionalUnit,
} from './index';

const CT = { factorSet: CARBON_TRUST_2026_FACTOR_SET };

// CT 2026 §6.2.4 functional units, computed by the models for WAN2.1-T2V-1.3B bought as a service
// with no location: the report's US grid (0.410 kg/kWh, App. 3) and PUE 1.1. By hand (constants
// a = 3.314973e-6, b = 2.285119e-10, see ai-inference.model.spec.ts), 5 s × 30 fps = 150 frames:
//   720p:  L = (1 + 149/4) × 80 × 45 = 137,700 → GPU 50 × (0.456468 + 4.332883) = 239.4676 Wh
//          facility × 1.178 × 1.1 = 310.3021 Wh → inference 127.2238 g
//   1080p: L = 38.25 × 120 × 67.5 = 309,825 → GPU 1,148.1132 Wh → 1,487.7251 Wh → 609.9673 g
//   2160p: L = 38.25 × 240 × 135 = 1,239,300 → GPU 17,753.574 Wh → 23,005.082 Wh → 9,432.0835 g
// lifecycle = inference × (1 + u) / 0.95, u = 0.1 / 0.5 / 1.0 (training; 5 % embodied)
describe('standard functional units (CT 2026 §6.2.3/§6.2.4), computed not typed in', () => {
  it.each<[StandardFunctionalUnit, number, [number, number, number]]>([
    ['video-5s-720p-30fps-50steps', 127.2238, [147.3118, 200.8798, 267.8397]],
    ['video-5s-1080p-30fps-50steps', 609.9673, [706.2779, 963.1062, 1284.1417]],
    // image: 2.907 Wh × 1.29/1.1 other IT × 1.1 = 3.75003 Wh → 1.5375123 g (App. 3: 0.002 kg total)
    ['image', 1.5375123, [1.7802774, 2.427651, 3.236868]],
    // upscaled MP-second at 30 fps: 3.68 / 12.895 / 22.11 Wh (App. 3) → 5.28695 g nominal
    ['upscaled-mp-second', 5.28695, [1.7470421, 8.3478158, 19.084421]],
  ])('%s: inference %d g, lifecycle %j g', (unit, inferenceG, [low, nominal, high]) => {
    const { result, description } = functionalUnitEmissions(unit, CT);
    expect(description.length).toBeGreaterThan(0);
    expect(result.operationalG.nominal).toBeCloseTo(inferenceG, 3);
    expect(result.co2eG.low).toBeCloseTo(low, 3);
    expect(result.co2eG.nominal).toBeCloseTo(nominal, 3);
    expect(result.co2eG.high).toBeCloseTo(high, 3);
  });

  it('the 2160p unit is flagged as extrapolated and carries the medium-to-high band', () => {
    const { result } = functionalUnitEmissions('video-5s-2160p-30fps-50steps', CT);
    // nominal 9,432.0835 × 1.5 / 0.95 = 14,892.76 g; low ×0.5 energy: 0.5 × 10,921.36 = 5,460.68 g;
    // high ×2: 2 × 19,857.02 = 39,714.04 g
    expect(result.co2eG.nominal).toBeCloseTo(14_892.76, 1);
    expect(result.co2eG.low).toBeCloseTo(5460.68, 1);
    expect(result.co2eG.high).toBeCloseTo(39_714.04, 1);
    expect(result.notes).toEqual(['extrapolated: 2160p beyond calibrated 720–1080p']);
  });

  it('follows the location and the factor set like any span', () => {
    const fr = functionalUnitEmissions('video-5s-720p-30fps-50steps', { ...CT, country: 'FR' });
    // only the inference follows the grid: 0.3103021 kWh × 64 g/kWh = 19.85933 g
    expect(fr.result.operationalG.nominal).toBeCloseTo(19.85933, 4);
    const us = functionalUnitEmissions('video-5s-720p-30fps-50steps', CT);
    expect(fr.result.trainingG).toEqual(us.result.trainingG);
  });

  it('names the field for an unknown unit', () => {
    expect(() => functionalUnitEmissions('video-10s-8k' as StandardFunctionalUnit)).toThrow(
      MethodologyInputError,
    );
  });
});
