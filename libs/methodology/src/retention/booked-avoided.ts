import { scaleRange, type Range } from '@greenops/domain';
import { DAYS_PER_YEAR } from './storage-holding-rate';

/** Avoided emissions booked by confirmed deletions, reported beside emissions (never netted). */
export interface BookedAvoided {
  /** kg CO2e a year the confirmed deletions avoid from now on: Σ g/day × 365 / 1000. */
  kgCo2ePerYear: Range;
  /** kg CO2e avoided since each confirmation until now: Σ g/day × days since / 1000. */
  kgCo2eToDate: Range;
}

/**
 * From the sums of the confirmed deletions' rates (g CO2e/day each held when requested) and of
 * rate × days since confirmation (docs/retention.md, "Booked avoided emissions").
 */
export function bookedAvoided(sums: { gPerDay: Range; gDaysToDate: Range }): BookedAvoided {
  return {
    kgCo2ePerYear: scaleRange(sums.gPerDay, DAYS_PER_YEAR / 1000),
    kgCo2eToDate: scaleRange(sums.gDaysToDate, 1 / 1000),
  };
}
