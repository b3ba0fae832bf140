import type { Activity, EmissionResult } from '@greenops/domain';
import { DEFAULT_FACTOR_SET } from '@greenops/factors';
import { MethodologyInputError } from './errors';
import { FactorTrail } from './factor-trail';
import { aiInferenceEmissions } from './models/ai-inference.model';
import { DEFAULT_VIDEO_MODELS } from './models/ai-model-registry';
import { accommodationEmissions } from './models/accommodation.model';
import { onsetEnergyEmissions } from './models/onset-energy.model';
import { renderEmissions } from './models/render.model';
import { storageEmissions } from './models/storage.model';
import { transferEmissions } from './models/transfer.model';
import { travelEmissions } from './models/travel.model';
import type { ComputeOptions } from './options';
import { trainingAllocationInForce } from './training-allocation';

/**
 * Energy and CO2e of one activity (docs/methodology.md). Pure: same activity + options → same result.
 * Throws MethodologyInputError (field, reason) when the activity lacks what every tier needs.
 */
export function computeEmissions(activity: Activity, options: ComputeOptions = {}): EmissionResult {
  const set = options.factorSet ?? DEFAULT_FACTOR_SET;
  const choice = trainingAllocationInForce(set, options.trainingAllocation);
  const trail = new FactorTrail(set, {
    trainingAllocation: choice.option,
    trainingAllocationFactorId: choice.factorId,
  });
  if (!activity || typeof activity !== 'object' || !activity.measurements) {
    throw new MethodologyInputError('measurements', 'activity has no measurements');
  }
  switch (activity.kind) {
    case 'render':
    case 'workstation':
      return renderEmissions(activity, trail);
    case 'ai.inference':
      return aiInferenceEmissions(activity, trail, options.videoModels ?? DEFAULT_VIDEO_MODELS);
    case 'transfer':
      return transferEmissions(activity, trail);
    case 'storage':
      return storageEmissions(activity, trail);
    case 'travel':
      return travelEmissions(activity, trail);
    case 'accommodation':
      return accommodationEmissions(activity, trail);
    case 'onset.energy':
      return onsetEnergyEmissions(activity, trail);
    default:
      throw new MethodologyInputError(
        'greenops.activity.kind',
        `kind '${String(activity.kind)}' is not a known activity kind`,
      );
  }
}
