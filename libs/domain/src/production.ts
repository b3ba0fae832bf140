/** Kinds of production a project is declared as (the portfolio's `productionType`). */
export const PRODUCTION_TYPES = [
  'feature',
  'series',
  'episode',
  'commercial',
  'previz',
  'music-video',
  'other',
] as const;

export type ProductionType = (typeof PRODUCTION_TYPES)[number];

/**
 * What a production declares about itself: the functional units its KPIs are normalised by
 * (finished minutes, shoot days, episodes) and what the portfolio filters on.
 */
export interface ProjectDeclaration {
  name: string;
  productionType: ProductionType;
  /** Minutes of finished programme delivered. */
  finishedMinutes?: number;
  shootDays?: number;
  episodes?: number;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** YYYY-MM-DD */
  startDate?: string;
  /** YYYY-MM-DD */
  endDate?: string;
  tags: string[];
}

/** Artifact statuses that count as delivered (the rest of an iteration is discarded work). */
export const DELIVERED_ARTIFACT_STATUSES = ['approved', 'final'] as const;

/** Artifact statuses of discarded work: the cost of iteration. */
export const DISCARDED_ARTIFACT_STATUSES = [
  'rejected',
  'superseded',
  'discarded',
  'abandoned',
] as const;
