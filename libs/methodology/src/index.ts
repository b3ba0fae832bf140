// Public API of the methodology engine (pure functions, no framework, no I/O).
// computeEmissions(activity, options?) -> EmissionResult; throws MethodologyInputError naming
// the field and reason when an activity cannot be quantified.
export { METHODOLOGY_VERSION, methodologyVersionFor } from './version';
export { MethodologyInputError } from './errors';
export type { ComputeOptions, TrainingAllocation } from './options';
export { computeEmissions } from './compute-emissions';
export { FACT_CEILINGS, factCeilingProblem } from './fact-ceilings';
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
export { trainingAllocationInForce } from './training-allocation';
export { scaleEmissionResult } from './scale-result';
export {
  allocateMeteredReading,
  IDLE_CAPACITY_CATEGORY_SUFFIX,
  type AllocatedOutputLine,
  type MeteredPeriodReading,
} from './allocation/metered-period-reading';
export {
  allocateMeteredPeriod,
  ALLOCATION_KEYS,
  MAX_PERIOD_OUTPUTS,
  type AllocationKey,
  type AllocationComponent,
  type AllocatedLine,
  type IdleEvidence,
  type MeteredPeriodAllocation,
  type MeteredPeriodInput,
  type PeriodOutput,
} from './allocation/metered-period';
export {
  STANDARD_FUNCTIONAL_UNITS,
  functionalUnitEmissions,
  type StandardFunctionalUnit,
  type FunctionalUnitContext,
  type FunctionalUnitEmissions,
} from './functional-units';
export {
  buildMethodologicalStatement,
  summariseFacts,
  MAX_STATEMENT_ROWS,
  type MethodologicalStatement,
  type StatementFact,
  type StatementFactRow,
  type StatementFactor,
  type StatementInput,
} from './reporting/methodological-statement';
export { renderMethodologicalStatementMarkdown } from './reporting/statement-markdown';
export type { Exclusion } from './reporting/statement-texts';
export {
  storageHoldingRate,
  SECONDS_PER_DAY,
  DAYS_PER_YEAR,
  type StorageHoldingRate,
} from './retention/storage-holding-rate';
export {
  retentionPreview,
  feedsMarked,
  lineageKey,
  PROTECTED_STATUSES,
  type RetentionArtifact,
  type RetentionHolding,
  type RetentionCandidate,
  type RetentionPreviewInput,
  type RetentionPreviewResult,
} from './retention/retention-preview';
export {
  policyDeletionTargets,
  namedDeletionTargets,
  deletionDeadlineMs,
  type DeletionTarget,
  type DeletionTargets,
  type RequestedHoldings,
} from './retention/deletion-targets';
export { bookedAvoided, type BookedAvoided } from './retention/booked-avoided';
export { moveAvoidedGPerDay } from './retention/move-avoided-rate';
export { activityMeasures, HOURS_PER_MONTH, type ActivityMeasures } from './activity-measures';
export {
  projectKpis,
  type KpiInputs,
  type KpiGroup,
  type KpiSplit,
  type ProjectKpis,
} from './project-kpis';
export {
  BENCHMARK_KPIS,
  benchmarkValue,
  distribution,
  standing,
  type BenchmarkKpi,
  type BenchmarkProject,
  type Distribution,
  type ProjectStanding,
} from './benchmark';
export * from './what-if';
export {
  anonymisedDistribution,
  percentileAmongBands,
  tenantContribution,
  MIN_BAND_TENANTS,
  MIN_COHORT_TENANTS,
  type AnonymisedDistribution,
  type BenchmarkBand,
} from './anonymised-benchmark';
