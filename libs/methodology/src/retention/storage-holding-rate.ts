import {
  STORAGE_MEDIA_TIERS,
  type Activity,
  type Range,
  type StorageMediaTier,
} from '@greenops/domain';
import { computeEmissions } from '../compute-emissions';
import { MethodologyInputError } from '../errors';
import type { ComputeOptions } from '../options';

/** Seconds in the day a holding's rate is stated for. */
export const SECONDS_PER_DAY = 86_400;
/** Days in the year avoided emissions are stated for (docs/retention.md). */
export const DAYS_PER_YEAR = 365;

/** What holding a storage span's bytes costs per day, on its media and on every other tier. */
export interface StorageHoldingRate {
  media: StorageMediaTier;
  /** g CO2e per day (location-based), low / nominal / high, on the span's own media. */
  co2eGPerDay: Range;
  /** g CO2e per day if the same bytes sat on each media tier (for MOVE policies). */
  co2eGPerDayByMedia: Record<StorageMediaTier, Range>;
}

/**
 * The rate of a storage activity: the same storage model the span's emissions come from
 * (`storage` model, docs/methodology.md), applied to one day of holding instead of the span's
 * duration. A MOVE target keeps the span's explicit replication, else that tier's default.
 * Throws MethodologyInputError when the activity is not a quantifiable storage activity.
 */
export function storageHoldingRate(
  activity: Activity,
  options: ComputeOptions = {},
): StorageHoldingRate {
  const storage = activity.measurements.storage;
  if (activity.kind !== 'storage' || !storage)
    throw new MethodologyInputError('greenops.storage.bytes', 'a holding needs a storage span');
  const day = (media: StorageMediaTier): Range =>
    computeEmissions(
      {
        ...activity,
        durationS: SECONDS_PER_DAY,
        measurements: { ...activity.measurements, storage: { ...storage, media } },
      },
      options,
    ).co2eG;
  const media: StorageMediaTier =
    storage.media ?? (activity.measurements.cloudProvider ? 'object' : 'hdd');
  const byMedia = Object.fromEntries(STORAGE_MEDIA_TIERS.map((m) => [m, day(m)])) as Record<
    StorageMediaTier,
    Range
  >;
  return { media, co2eGPerDay: byMedia[media], co2eGPerDayByMedia: byMedia };
}
