import type { Factor } from '../factor';
import { GREENOPS_ASSUMPTION } from './sources';

/** The transfer model itself is CO2.js (Sustainable Web Design v4); only its band is ours. */
export const TRANSFER_FACTORS: Factor[] = [
  {
    id: 'transfer.swd-v4.band',
    value: 1,
    low: 0.5,
    high: 2,
    unit: 'ratio to CO2.js estimate',
    year: 2024,
    source: `@tgwf/co2 0.19.0 Sustainable Web Design model v4 (per-byte, top-down averages); band ×0.5–×2 ${GREENOPS_ASSUMPTION}: network energy-per-byte estimates in the literature differ by more than that`,
  },
];
