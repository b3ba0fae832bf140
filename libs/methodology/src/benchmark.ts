/**
 * Benchmarks of a KPI among a tenant's projects of one production type: the distribution
 * (best, quartiles, median, worst) and each project's rank and percentile. Lower is better for
 * every KPI here (grams per unit delivered). Pure.
 */
export const BENCHMARK_KPIS = [
  'CO2E_TOTAL',
  'G_PER_FINISHED_MINUTE',
  'G_PER_SHOOT_DAY',
  'G_PER_EPISODE',
] as const;
export type BenchmarkKpi = (typeof BENCHMARK_KPIS)[number];

/** What the store reads for each project of the cohort. */
export interface BenchmarkProject {
  projectId: string;
  co2eG: number;
  finishedMinutes: number | null;
  shootDays: number | null;
  episodes: number | null;
  /** Summed durations of the project's final artifacts (finished minutes when none declared). */
  finalArtifactSeconds: number;
}

export interface Distribution {
  /** Projects with a value for the KPI. */
  projectCount: number;
  best: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  worst: number | null;
}

export interface ProjectStanding {
  value: number | null;
  /** 1 = best (lowest); ties share the better rank. */
  rank: number | null;
  /** Share of the other projects this one does better than or equal to, 0–100 (null alone). */
  percentile: number | null;
}

const per = (g: number, units: number | null): number | null =>
  units === null || !(units > 0) ? null : g / units;

/** The KPI's value for one project; null when its denominator is unknown or 0. */
export function benchmarkValue(
  kpi: BenchmarkKpi,
  p: Omit<BenchmarkProject, 'projectId'>,
): number | null {
  switch (kpi) {
    case 'CO2E_TOTAL':
      return p.co2eG;
    case 'G_PER_FINISHED_MINUTE':
      return per(
        p.co2eG,
        p.finishedMinutes ?? (p.finalArtifactSeconds > 0 ? p.finalArtifactSeconds / 60 : null),
      );
    case 'G_PER_SHOOT_DAY':
      return per(p.co2eG, p.shootDays);
    case 'G_PER_EPISODE':
      return per(p.co2eG, p.episodes);
  }
}

/** Quantile by linear interpolation between closest ranks (PostgreSQL percentile_cont). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { projectCount: 0, best: null, q1: null, median: null, q3: null, worst: null };
  }
  return {
    projectCount: sorted.length,
    best: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    worst: sorted[sorted.length - 1],
  };
}

export function standing(value: number | null, values: readonly number[]): ProjectStanding {
  if (value === null) return { value: null, rank: null, percentile: null };
  const better = values.filter((v) => v < value).length;
  const worseOrEqual = values.length - better - 1;
  return {
    value,
    rank: better + 1,
    percentile: values.length > 1 ? (100 * worseOrEqual) / (values.length - 1) : null,
  };
}
