// Public API of the methodology engine (pure functions, no framework, no I/O).
// computeEmissions(activity, options?) -> EmissionResult; throws MethodologyInputError naming
// the field and reason when an activity cannot be quantified.
export { METHODOLOGY_VERSION } from './version';
export { MethodologyInputError } from './errors';
export type { ComputeOptions, TrainingAllocation } from './options';
export { computeEmissions } from './compute-emissions';
export type { FactorSet } from '@greenops/factors';
export {
  latentTokens,
  diffusionGpuWh,
  calibrateDiffusion,
  type LatentGeometry,
  type DiffusionConstants,
  type VideoSpec,
  type CalibrationPoint,
} from './models/video-diffusion.energy-model';
export {
  WAN2_1_T2V_1_3B,
  DEFAULT_VIDEO_MODELS,
  findVideoModel,
  type VideoModelEntry,
} from './models/ai-model-registry';
export { lightingEnergyKwh } from './models/onset-energy.model';
export { SCOPES, type ScopeCategory } from './scope';
export {
  artistComputerG,
  localVideoGenerationG,
  localRenderingG,
} from './models/vfx-case-study.equations';
export { sciPerUnit } from './sci-score';
