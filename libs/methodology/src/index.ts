// Public API of the methodology engine (pure functions, no framework, no I/O).
// computeEmissions(activity, options?) -> EmissionResult; throws MethodologyInputError naming
// the field and reason when an activity cannot be quantified.
export { METHODOLOGY_VERSION } from './version';
export { MethodologyInputError } from './errors';
export type { ComputeOptions, TrainingAllocation } from './options';
export { computeEmissions } from './compute-emissions';
export type { FactorSet } from '@greenops/factors';
