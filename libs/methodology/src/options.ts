import type { TrainingAllocationOption } from '@greenops/domain';
import type { FactorSet } from '@greenops/factors';
import type { VideoModelEntry } from './models/ai-model-registry';

/** Carbon Trust 2026 Table 6 option: 1a per unit of inference energy, 1b per inference. */
export type TrainingAllocation = TrainingAllocationOption;

export interface ComputeOptions {
  /** Default: the shipped default set. */
  factorSet?: FactorSet;
  /**
   * Forces a training allocation option (what-if comparisons). Without it the factor set's
   * `method.training.allocation` decides (1 = 1a, the default; 2 = 1b): that is how a tenant
   * chooses, by publishing the factor.
   */
  trainingAllocation?: TrainingAllocation;
  /** Video models the diffusion energy model knows; default: WAN2.1-T2V-1.3B (report calibration). */
  videoModels?: readonly VideoModelEntry[];
}
