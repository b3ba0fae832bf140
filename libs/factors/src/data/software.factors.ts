import type { Factor } from '../factor';
import { CT_2026, GREENOPS_ASSUMPTION } from './sources';

/**
 * Adobe 2024 reported emissions (Scope 1, 2 and upstream Scope 3) over its users' annual hours,
 * as the report derives them (CT 2026 App. 3 "Software development"): 850 million monthly
 * active users × 0.1 h per day × 365 days = 31.025 billion hours.
 */
const ADOBE_2024_T = 523_411;
const USER_HOURS_PER_YEAR = 850e6 * 0.1 * 365;
const G_PER_USER_HOUR = (ADOBE_2024_T * 1e6) / USER_HOURS_PER_YEAR;

/** Development emissions of the creative software an artist runs, per hour of use. */
export const SOFTWARE_FACTORS: Factor[] = [
  {
    id: 'software.development.g-per-user-hour',
    value: G_PER_USER_HOUR,
    low: G_PER_USER_HOUR * 0.75,
    high: G_PER_USER_HOUR * 1.25,
    unit: 'gCO2e/user-hour',
    year: 2024,
    source: `${CT_2026}, App. 3 "Artist computers … Software (development) 0.017 kgCO2e/hour", derived from Adobe's 2024 reported emissions (523,411 tCO2e) over 31.025 billion user-hours; included in artist computers (§7.4.3); band ±25 % ${GREENOPS_ASSUMPTION} for the report's "Medium" rating`,
    uncertaintyRating: 'medium',
    note: '523,411 × 10⁶ g / (850 × 10⁶ MAU × 0.1 h/day × 365 d) = 16.8706 g per user-hour (App. 3 rounds to 0.017 kg)',
  },
];
