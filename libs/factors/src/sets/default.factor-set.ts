import type { FactorSet } from '../factor';
import { factorsToRecord } from '../factor-set';
import { AI_FACTORS, WAN_TRAINING_FACTORS } from '../data/ai.factors';
import { CLOUD_REGION_COUNTRY } from '../data/cloud-regions';
import { DEVICE_CATALOGUE, DEVICE_FACTORS } from '../data/devices.factors';
import { emberGridFactors } from '../data/grid-intensity.factors';
import { PUE_FACTORS } from '../data/pue.factors';
import { UNCERTAINTY_FACTORS } from '../data/uncertainty.factors';
import { STORAGE_FACTORS } from '../data/storage.factors';
import { TRAVEL_FACTORS } from '../data/travel.factors';
import { FUEL_FACTORS, LIGHTING_FACTORS } from '../data/onset.factors';
import { TRANSFER_FACTORS } from '../data/transfer.factors';
import { SOFTWARE_FACTORS } from '../data/software.factors';
import { METHOD_FACTORS } from '../data/method.factors';

/** Bump on any change of a number, an id or a table (facts store it; republish recomputes). */
export const DEFAULT_FACTOR_SET_VERSION = '2026.13.0';

/**
 * The shipped default: Ember location-based grid averages (via @tgwf/co2), provider PUEs from
 * their 2024 reports, the Carbon Trust 2026 report's AI and workstation figures, and the other cited
 * catalogues.
 */
export const DEFAULT_FACTOR_SET: FactorSet = Object.freeze({
  version: DEFAULT_FACTOR_SET_VERSION,
  name: 'greenops-default',
  description:
    'Ember annual grid averages (via @tgwf/co2 0.19.0), provider PUE (2024 reports), Carbon Trust 2026 AI/workstation figures',
  factors: Object.freeze(
    factorsToRecord([
      ...emberGridFactors(),
      ...PUE_FACTORS,
      ...DEVICE_FACTORS,
      ...UNCERTAINTY_FACTORS,
      ...AI_FACTORS,
      ...WAN_TRAINING_FACTORS,
      ...STORAGE_FACTORS,
      ...TRAVEL_FACTORS,
      ...FUEL_FACTORS,
      ...LIGHTING_FACTORS,
      ...TRANSFER_FACTORS,
      ...SOFTWARE_FACTORS,
      ...METHOD_FACTORS,
    ]),
  ),
  cloudRegionCountry: CLOUD_REGION_COUNTRY,
  devices: DEVICE_CATALOGUE,
});
