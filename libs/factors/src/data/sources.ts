/** Citations reused across factor files, so every factor names its source the same way. */
export const CT_2026 = 'Carbon Trust (2026), "The carbon impact of AI video generation"';
export const SEED_001_PUE =
  'Provider fleet PUE as published by the provider (or Uptime Institute for the industry average), named here';
export const EMBER_VIA_CO2JS =
  'Ember annual average grid carbon intensity (CC BY-SA 4.0), as packaged in @tgwf/co2 0.19.0 `averageIntensity`';
export const GREENOPS_ASSUMPTION = 'GreenOps assumption (documented in docs/methodology.md)';
