import type { Range } from '@greenops/domain';
import type { FactorTrail } from './factor-trail';
import type { VideoModelEntry } from './models/ai-model-registry';
import type { TrainingAllocation } from './options';
import { factorRange, multiplyRanges, pointRange } from './uncertainty';

export interface TrainingInput {
  allocation: TrainingAllocation;
  /** Declared model-creation data applies (an open model run locally, report App. 3). */
  declared?: VideoModelEntry['training'];
  energyItKwh: Range;
  /** Location-based operational emissions of this inference. */
  operationalG: Range;
  inferences: number;
}

/**
 * Model creation (training) emissions allocated to one inference (report Table 6, Appendix 2):
 * - declared totals, option 1a (default): g per kWh of lifetime inference energy × this IT kWh;
 * - declared totals, option 1b: g per lifetime inference × inferences;
 * - no declared totals (cloud services): the report's uplift, 0.1× / 0.5× / 1.0× of inference
 *   emissions (§7.4.3). Used for 1b as well — no per-inference figure exists for those models.
 */
export function allocateTrainingG(input: TrainingInput, trail: FactorTrail): Range {
  if (input.declared) {
    if (input.allocation === 'per-inference') {
      return multiplyRanges(
        factorRange(trail.use(input.declared.perInferenceFactorId)),
        pointRange(input.inferences),
      );
    }
    return multiplyRanges(factorRange(trail.use(input.declared.perKwhFactorId)), input.energyItKwh);
  }
  return multiplyRanges(factorRange(trail.use('ai.training.uplift')), input.operationalG);
}

/**
 * Embodied emissions of a cloud AI inference (report App. 3): 5 % of the lifecycle total on the
 * US grid, i.e. share/(1 − share) × (inference + training) at 410 g/kWh. Hardware does not
 * change with the grid, so the same grams apply whatever grid the inference ran on.
 */
export function cloudAiEmbodiedG(facilityKwh: Range, trail: FactorTrail): Range {
  const share = trail.use('ai.cloud.embodied-share-us').value;
  const refI = trail.use('ai.cloud.embodied-reference-intensity').value;
  const u = factorRange(trail.use('ai.training.uplift'));
  const k = (share / (1 - share)) * refI;
  return {
    low: facilityKwh.low * k * (1 + u.low),
    nominal: facilityKwh.nominal * k * (1 + u.nominal),
    high: facilityKwh.high * k * (1 + u.high),
  };
}
