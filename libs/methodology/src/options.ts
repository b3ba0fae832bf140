import type { FactorSet } from '@greenops/factors';

export type TrainingAllocation = 'per-energy' | 'per-inference';

export interface ComputeOptions {
  /** Default: the shipped default set. */
  factorSet?: FactorSet;
  /** Carbon Trust 2026 Table 6 option 1a ('per-energy', default) or 1b ('per-inference'). */
  trainingAllocation?: TrainingAllocation;
}
