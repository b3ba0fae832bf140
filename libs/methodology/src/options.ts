import type { FactorSet } from '@greenops/factors';
import type { VideoModelEntry } from './models/ai-model-registry';

export type TrainingAllocation = 'per-energy' | 'per-inference';

export interface ComputeOptions {
  /** Default: the shipped default set. */
  factorSet?: FactorSet;
  /** Carbon Trust 2026 Table 6 option 1a ('per-energy', default) or 1b ('per-inference'). */
  trainingAllocation?: TrainingAllocation;
  /** Video models the diffusion energy model knows; default: WAN2.1-T2V-1.3B (report calibration). */
  videoModels?: readonly VideoModelEntry[];
}
