import type { FactorSet } from '../factor';
import { withOverrides } from '../factor-set';
import { CARBON_TRUST_2026_GRID_FACTORS } from '../data/grid-intensity.factors';
import { DEFAULT_FACTOR_SET, DEFAULT_FACTOR_SET_VERSION } from './default.factor-set';

/**
 * The report's own factor set: the default with the report's IEA 2025 grid factors for the US,
 * UK and France (0.410 / 0.222 / 0.064 kgCO2e/kWh, Appendix 3). Use it to reproduce the report.
 */
export const CARBON_TRUST_2026_FACTOR_SET: FactorSet = withOverrides(
  DEFAULT_FACTOR_SET,
  CARBON_TRUST_2026_GRID_FACTORS,
  {
    version: `${DEFAULT_FACTOR_SET_VERSION}+carbon-trust-2026`,
    name: 'carbon-trust-2026',
    description:
      'greenops-default with the Carbon Trust 2026 report grid factors (IEA Emissions Factors 2025) for US, GB, FR',
  },
);
