import { type Activity, type AiInputs, type EmissionResult } from '@greenops/domain';
import { ATTR } from '../attributes';
import { resolveHardware } from '../device';
import { hardwareEmbodiedG } from '../embodied';
import { MethodologyInputError } from '../errors';
import type { FactorTrail } from '../factor-trail';
import { resolveIntensities } from '../intensity';
import { resolvePue } from '../pue';
import { electricityResult } from '../result';
import { electricityScope } from '../scope';
import { allocateTrainingG, cloudAiEmbodiedG } from '../training-allocation';
import { multiplyRanges, pointRange } from '../uncertainty';
import { durationHours, nonNegative, positive } from '../validate';
import { findVideoModel, type VideoModelEntry } from './ai-model-registry';
import {
  imageEnergy,
  textEnergy,
  upscaleEnergy,
  videoCount,
  videoEnergy,
  type AiEnergy,
} from './ai-energy.model';
import { deviceEnergy } from './device-energy.model';

/**
 * `ai.inference`. Two settings, told apart by the span:
 * - local: `greenops.hw.*` present and no `cloud.provider` — our workstation ran the model
 *   (report §7.4.3 "videos generated locally"): facility of the workstation or server room,
 *   Scope 2, hardware embodied by time share, training from the model's declared figures when
 *   registered (App. 3), else the uplift;
 * - service: everything else — PUE of the provider or the report's 1.1, Scope 3 cat 1, the
 *   report's cloud embodied (5 % share, per facility kWh) and training uplift (per facility kWh
 *   at the report's reference grid); with no location the US grid (report §7.5: most AI data
 *   centres are in the US).
 * Training follows the tenant's option (factor `method.training.allocation`, CT 2026 Table 6):
 * the result records the option applied.
 */
export function aiInferenceEmissions(
  activity: Activity,
  trail: FactorTrail,
  videoModels: readonly VideoModelEntry[],
): EmissionResult {
  const m = activity.measurements;
  const ai: AiInputs = m.ai ?? {};
  const local = !m.cloudProvider && m.hw !== undefined;
  const hours = durationHours(activity.durationS);
  const hw = resolveHardware(m.hw, trail);

  const energy = inferenceEnergy(activity, ai, trail, videoModels, local, hw, hours);
  const pue = resolvePue(m, trail, local ? 'on-premises' : 'ai-service', hw.device);
  const intensity = resolveIntensities(activity, trail, local ? undefined : 'US');
  const facilityKwh = multiplyRanges(energy.energyItKwh, pue.pue);
  const training = allocateTrainingG(
    {
      requested: trail.choices.trainingAllocation,
      requestedFactorId: trail.choices.trainingAllocationFactorId,
      declared: local ? energy.videoModel?.training : undefined,
      energyItKwh: energy.energyItKwh,
      facilityKwh,
      inferences: energy.inferences,
      modelId: energy.modelId,
    },
    trail,
  );
  const embodiedG = local
    ? hardwareEmbodiedG(m, hw, hours, trail)
    : cloudAiEmbodiedG(facilityKwh, trail);
  return electricityResult(
    {
      energyItKwh: energy.energyItKwh,
      pue: pue.pue,
      locationGPerKwh: intensity.locationGPerKwh,
      marketGPerKwh: intensity.marketGPerKwh,
      embodiedG,
      trainingG: training.trainingG,
      tier: energy.tier,
      scope: electricityScope(!local),
      modelId: energy.modelId,
      trainingAllocation: training.applied,
      notes: [...energy.notes, ...pue.notes, ...training.notes],
    },
    trail,
  );
}

function inferenceEnergy(
  activity: Activity,
  ai: AiInputs,
  trail: FactorTrail,
  videoModels: readonly VideoModelEntry[],
  local: boolean,
  hw: ReturnType<typeof resolveHardware>,
  hours: number,
): AiEnergy {
  const m = activity.measurements;
  const modality = ai.modality ?? inferModality(ai);
  const inferences =
    modality === 'image'
      ? (positive(ai.images, ATTR.images) ?? 1)
      : modality === 'video' || modality === 'upscale'
        ? videoCount(ai)
        : 1;
  const videoModel = modality === 'video' ? findModelForTraining(ai, videoModels) : undefined;
  const measured = nonNegative(m.energyKwh, ATTR.energyKwh);
  if (measured !== undefined) {
    return {
      energyItKwh: pointRange(measured),
      tier: 'measured',
      modelId: `ai.${modality ?? 'unknown'}.measured-energy`,
      inferences,
      videoModel,
      notes: [],
    };
  }
  // A local run with a reported average draw is better evidence than a generic model (Table 7).
  if (local && m.hw?.powerW !== undefined) {
    const e = deviceEnergy('ai.inference', m, hw, hours, trail);
    return { ...e, inferences, videoModel, notes: [] };
  }
  switch (modality) {
    case 'video':
      return videoEnergy(ai, trail, videoModels);
    case 'image':
      return imageEnergy(ai, trail);
    case 'upscale':
      return upscaleEnergy(ai, trail);
    case 'text':
      return textEnergy(ai, trail);
    case 'audio':
      throw new MethodologyInputError(
        ATTR.energyKwh,
        `no cited energy factor for audio generation: send ${ATTR.energyKwh}`,
      );
    default:
      throw new MethodologyInputError(
        ATTR.aiModality,
        `cannot tell the modality: set ${ATTR.aiModality} (text, image, video, upscale, audio) or ${ATTR.energyKwh}`,
      );
  }
}

function findModelForTraining(
  ai: AiInputs,
  models: readonly VideoModelEntry[],
): VideoModelEntry | undefined {
  return findVideoModel(models, ai.model);
}

/** Without `greenops.ai.modality`, the attributes present say what was generated. */
function inferModality(ai: AiInputs): AiInputs['modality'] | undefined {
  if (ai.video || ai.denoisingSteps !== undefined || ai.credits !== undefined) return 'video';
  if (ai.images !== undefined) return 'image';
  if (ai.outputTokens !== undefined || ai.inputTokens !== undefined) return 'text';
  return undefined;
}
