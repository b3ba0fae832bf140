import type { Range, TrainingAllocationOption } from '@greenops/domain';
import {
  getFactor,
  TRAINING_ALLOCATION_CODES,
  TRAINING_ALLOCATION_FACTOR_ID,
  type FactorSet,
} from '@greenops/factors';
import type { FactorTrail } from './factor-trail';
import type { VideoModelEntry } from './models/ai-model-registry';
import { factorRange, multiplyRanges, pointRange } from './uncertainty';

/**
 * The training allocation option in force: the caller's explicit choice, else the factor set's
 * `method.training.allocation` code (1 = 1a, 2 = 1b), else 1a (the report's choice, App. 2).
 * Reading it here does not list the factor on a result: only results that carry training do.
 */
export function trainingAllocationInForce(
  set: FactorSet,
  explicit?: TrainingAllocationOption,
): { option: TrainingAllocationOption; factorId?: string } {
  if (explicit) return { option: explicit };
  const factor = getFactor(set, TRAINING_ALLOCATION_FACTOR_ID);
  if (!factor) return { option: '1a' };
  const option = TRAINING_ALLOCATION_CODES[factor.value];
  if (!option) {
    // validateFactor / overrideProblems refuse such a set: reaching this is a bug, not input.
    throw new Error(
      `factor set ${set.name}@${set.version}: ${TRAINING_ALLOCATION_FACTOR_ID} = ${factor.value} is not a known option code`,
    );
  }
  return { option, factorId: TRAINING_ALLOCATION_FACTOR_ID };
}

export interface TrainingInput {
  /** The option in force for this tenant (`trainingAllocationInForce`). */
  requested: TrainingAllocationOption;
  /** The factor that set it, listed on the result when training is allocated. */
  requestedFactorId?: string;
  /** Declared model-creation data applies (an open model run locally, report App. 3). */
  declared?: VideoModelEntry['training'];
  /** IT energy of the inference(s), before PUE. */
  energyItKwh: Range;
  /** Facility energy of the inference(s), PUE applied. */
  facilityKwh: Range;
  /** Inferences in the span (videos, images). */
  inferences: number;
  /** What the estimate is for, named in the note when 1b cannot be applied. */
  modelId: string;
}

export interface TrainingShare {
  trainingG: Range;
  /** The option actually applied. */
  applied: TrainingAllocationOption;
  notes: string[];
}

/**
 * Model creation (training) emissions allocated to an inference (report Table 6, App. 2).
 * - Declared totals (an open model run locally, App. 3): option 1a = g per kWh of lifetime
 *   inference IT energy × this IT kWh; 1b = g per lifetime inference × inferences.
 * - No declared totals (models bought as a service): the report's uplift u = 0.1 / 0.5 / 1.0 of
 *   inference emissions (§7.4.3), read as option 1a: the uplift is of inference emissions on the
 *   reference grid of §5 (US, 410 g/kWh), so training = u × 410 g/kWh per facility kWh of
 *   inference, whatever grid the inference ran on. Training happened once, where the model was
 *   trained; it does not become cleaner when the inference runs in France. Divided by
 *   (1 − s), s = the 5 % embodied share, because the report's embodied share is of a total that
 *   includes training: that part is the embodied carbon of the model-creation hardware, which
 *   Table 6 allocates with model creation. At 410 g/kWh the lifecycle total equals the report's.
 *   No per-inference figure exists for these models, so 1b falls back to 1a, with a note.
 */
export function allocateTrainingG(input: TrainingInput, trail: FactorTrail): TrainingShare {
  if (input.requestedFactorId) trail.use(input.requestedFactorId);
  if (input.declared) {
    if (input.requested === '1b') {
      return {
        trainingG: multiplyRanges(
          factorRange(trail.use(input.declared.perInferenceFactorId)),
          pointRange(input.inferences),
        ),
        applied: '1b',
        notes: [],
      };
    }
    return {
      trainingG: multiplyRanges(
        factorRange(trail.use(input.declared.perKwhFactorId)),
        input.energyItKwh,
      ),
      applied: '1a',
      notes: [],
    };
  }
  const u = factorRange(trail.use('ai.training.uplift'));
  const refI = trail.use('ai.training.reference-intensity').value;
  const s = trail.use('ai.cloud.embodied-share-us').value;
  const gPerKwh = multiplyRanges(u, pointRange(refI / (1 - s)));
  return {
    trainingG: multiplyRanges(gPerKwh, input.facilityKwh),
    applied: '1a',
    notes:
      input.requested === '1b'
        ? [
            `training: option 1b requested, but ${input.modelId} has no per-inference model-creation figure; 1a applied`,
          ]
        : [],
  };
}

/**
 * Embodied emissions of the hardware a cloud AI inference ran on (report App. 3): embodied is
 * 5 % of the lifecycle total on the US grid. For the inference itself that is
 * s/(1 − s) × 410 g/kWh = 21.58 g per facility kWh: hardware does not change with the grid, so
 * the same grams apply wherever the inference ran, and it does not grow with the training
 * uplift (the model-creation hardware's share is carried by `allocateTrainingG`).
 */
export function cloudAiEmbodiedG(facilityKwh: Range, trail: FactorTrail): Range {
  const s = trail.use('ai.cloud.embodied-share-us').value;
  const refI = trail.use('ai.cloud.embodied-reference-intensity').value;
  return multiplyRanges(facilityKwh, pointRange((s / (1 - s)) * refI));
}
