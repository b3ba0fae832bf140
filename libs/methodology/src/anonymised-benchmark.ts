/**
 * Cross-tenant benchmarks that never disclose one tenant's figure (docs/insights.md §4.2). Pure.
 *
 * Each opted-in tenant contributes ONE value per KPI (the median of its projects' values), so a
 * tenant with many projects weighs as much as one with few. From the contributions:
 *
 * - fewer than MIN_COHORT_TENANTS distinct tenants: nothing at all;
 * - otherwise the sorted contributions are cut into disjoint rank BANDS of at least
 *   MIN_BAND_TENANTS tenants each, and only each band's mean is disclosed. Every other figure
 *   (median, quartiles, best/worst band, where the caller's projects sit) is a function of the
 *   band means alone, so it discloses nothing more than they do.
 *
 * Why bands and not percentile_cont: order statistics of a small cohort ARE single tenants'
 * values (the median of 5 is the 3rd tenant's figure; p10/q1/median/q3/p90 of 5 values let
 * anyone solve for all five), and min/max are always one tenant's. A band mean is one linear
 * equation over ≥ 3 unknowns, and bands are disjoint, so even a caller who knows its own
 * contribution (removing one unknown from one band) is left with ≥ 2 unknowns in every band:
 * no other tenant's contribution is determined by the response. Residual risk, documented: a
 * band whose members all contributed the same value shows that value (then ≥ 3 tenants share
 * it); and comparing responses before and after one tenant joins or leaves the cohort.
 */
export const MIN_COHORT_TENANTS = 5;
export const MIN_BAND_TENANTS = 3;
/** At most five bands (quintiles) however large the cohort. */
export const MAX_BANDS = 5;

/** A disjoint run of ranks of the sorted contributions and its mean. */
export interface BenchmarkBand {
  /** Share of the cohort ranked below the band, 0–100. */
  fromPercentile: number;
  /** Share of the cohort ranked below or in the band, 0–100. */
  toPercentile: number;
  tenantCount: number;
  meanValue: number;
}

export interface AnonymisedDistribution {
  tenantCount: number;
  bands: BenchmarkBand[];
  /** Mean of the lowest band (lower is better): "best" without naming one tenant. */
  bestBand: number;
  worstBand: number;
  q1: number;
  median: number;
  q3: number;
}

/** Median by linear interpolation (PostgreSQL percentile_cont 0.5); null for no values. */
export function tenantContribution(projectValues: readonly number[]): number | null {
  const sorted = projectValues.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) / 2;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Band sizes: as equal as possible, the larger ones first; each ≥ MIN_BAND_TENANTS. */
function bandSizes(n: number): number[] {
  const count = Math.min(MAX_BANDS, Math.floor(n / MIN_BAND_TENANTS));
  const base = Math.floor(n / count);
  const extra = n % count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The band means at their centre percentile, interpolated linearly; flat beyond the ends. */
function atPercentile(bands: readonly BenchmarkBand[], percentile: number): number {
  const centre = (b: BenchmarkBand) => (b.fromPercentile + b.toPercentile) / 2;
  if (percentile <= centre(bands[0])) return bands[0].meanValue;
  for (let i = 1; i < bands.length; i++) {
    const lo = bands[i - 1];
    const hi = bands[i];
    if (percentile <= centre(hi)) {
      const w = (percentile - centre(lo)) / (centre(hi) - centre(lo));
      return lo.meanValue + (hi.meanValue - lo.meanValue) * w;
    }
  }
  return bands[bands.length - 1].meanValue;
}

/**
 * The disclosed distribution of one contribution per tenant; null under MIN_COHORT_TENANTS.
 * `contributions` carry no identity: the caller passes values only.
 */
export function anonymisedDistribution(
  contributions: readonly number[],
): AnonymisedDistribution | null {
  const sorted = contributions.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n < MIN_COHORT_TENANTS) return null;
  const bands: BenchmarkBand[] = [];
  let start = 0;
  for (const size of bandSizes(n)) {
    const members = sorted.slice(start, start + size);
    bands.push({
      fromPercentile: (100 * start) / n,
      toPercentile: (100 * (start + size)) / n,
      tenantCount: size,
      meanValue: members.reduce((s, v) => s + v, 0) / size,
    });
    start += size;
  }
  return {
    tenantCount: n,
    bands,
    bestBand: bands[0].meanValue,
    worstBand: bands[bands.length - 1].meanValue,
    q1: atPercentile(bands, 25),
    median: atPercentile(bands, 50),
    q3: atPercentile(bands, 75),
  };
}

/**
 * Where a value sits against the disclosed bands, 0–100, by inverting the interpolation between
 * band centres (the inverse of the median/quartile reading); clamped to the centres of the best
 * and worst bands. Uses the band means only, so asking it about chosen values (a tenant can
 * declare projects with any figures) reveals nothing the band means do not.
 */
export function percentileAmongBands(distribution: AnonymisedDistribution, value: number): number {
  const bands = distribution.bands;
  const centre = (b: BenchmarkBand) => (b.fromPercentile + b.toPercentile) / 2;
  if (value <= bands[0].meanValue) return centre(bands[0]);
  for (let i = 1; i < bands.length; i++) {
    const lo = bands[i - 1];
    const hi = bands[i];
    if (value <= hi.meanValue) {
      const span = hi.meanValue - lo.meanValue;
      const w = span > 0 ? (value - lo.meanValue) / span : 0;
      return centre(lo) + (centre(hi) - centre(lo)) * w;
    }
  }
  return centre(bands[bands.length - 1]);
}
