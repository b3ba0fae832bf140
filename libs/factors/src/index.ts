// Versioned factor catalogues: every number with its unit, source and year (docs/methodology.md).
export type { Factor, FactorSet, DeviceEntry } from './factor';
export {
  getFactor,
  requireFactor,
  factorsToRecord,
  withOverrides,
  validateFactor,
  validateFactorSet,
  findDevice,
  type FactorIssue,
} from './factor-set';
export { DEFAULT_FACTOR_SET, DEFAULT_FACTOR_SET_VERSION } from './sets/default.factor-set';
export { CARBON_TRUST_2026_FACTOR_SET } from './sets/carbon-trust-2026.factor-set';
export { CLOUD_PROVIDER_PUE_FACTOR } from './data/pue.factors';
export { ISO_ALPHA2_TO_ALPHA3 } from './data/iso-country-codes';
export { FACTOR_SETS } from './sets/registry';
export { overrideProblems } from './override-problems';
export { FACTOR_RANGES, factorRange, factorRangeProblem, type FactorRange } from './factor-ranges';
export {
  FactorSetCatalog,
  type FactorSetSource,
  type PublishedOverrides,
} from './factor-set-catalog';
export {
  TRAINING_ALLOCATION_FACTOR_ID,
  TRAINING_ALLOCATION_CODES,
  OPTION_FACTOR_CODES,
} from './data/method.factors';
export { UnusableFactorSetError } from './unusable-factor-set.error';
export {
  INDUSTRY_REFERENCES,
  industryReferencesFor,
  type IndustryReference,
} from './industry-references';
