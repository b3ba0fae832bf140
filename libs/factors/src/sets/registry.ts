import type { FactorSet } from '../factor';
import { CARBON_TRUST_2026_FACTOR_SET } from './carbon-trust-2026.factor-set';
import { DEFAULT_FACTOR_SET } from './default.factor-set';

/** Named sets shipped with the platform (a tenant's published overrides build on one of them). */
export const FACTOR_SETS: Readonly<Record<string, FactorSet>> = Object.freeze({
  [DEFAULT_FACTOR_SET.name]: DEFAULT_FACTOR_SET,
  [CARBON_TRUST_2026_FACTOR_SET.name]: CARBON_TRUST_2026_FACTOR_SET,
});
