/**
 * How a project stands among the tenant's projects of its production type, in words (the
 * benchmark's rank is 1 for the lowest emitter). Pure: unit-tested, no DOM.
 */
export interface Standing {
  rank: number | null;
  percentile: number | null;
  cohort: { projectCount: number };
}

const PRODUCTION_TYPE_LABELS: Record<string, string> = {
  FEATURE: 'feature',
  SERIES: 'series',
  EPISODE: 'episode',
  COMMERCIAL: 'commercial',
  PREVIZ: 'previz',
  MUSIC_VIDEO: 'music video',
  OTHER: 'other',
};

/** e.g. SERIES → "series", MUSIC_VIDEO → "music video". */
export function productionTypeLabel(type: string): string {
  return PRODUCTION_TYPE_LABELS[type] ?? type.toLowerCase();
}

/** "2 of 5" (1 = lowest), or "–" without a rank (no denominator, or not declared). */
export function formatRank(standing: Standing | null | undefined): string {
  if (!standing || standing.rank === null) return '–';
  return `${standing.rank} of ${standing.cohort.projectCount}`;
}

/** "better than or as good as 75 % of the others", or undefined alone in the cohort. */
export function describePercentile(standing: Standing | null | undefined): string | undefined {
  if (!standing || standing.percentile === null || standing.cohort.projectCount < 2) {
    return undefined;
  }
  return `as good as or better than ${Math.round(standing.percentile)} % of the others`;
}
