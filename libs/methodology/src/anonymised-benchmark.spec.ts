import fc from 'fast-check';
import {
  anonymisedDistribution,
  MIN_BAND_TENANTS,
  MIN_COHORT_TENANTS,
  percentileAmongBands,
  tenantContribution,
  type AnonymisedDistribution,
} from './anonymised-benchmark';

describe('anonymised cross-tenant benchmark (worked by hand)', () => {
  it("takes a tenant's median project as its one contribution", () => {
    // [1, 2, 3, 10]: position (4−1)/2 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5
    expect(tenantContribution([10, 1, 3, 2])).toBe(2.5);
    expect(tenantContribution([7])).toBe(7);
    expect(tenantContribution([])).toBeNull();
  });

  it('discloses nothing under five tenants', () => {
    expect(anonymisedDistribution([])).toBeNull();
    expect(anonymisedDistribution([1, 2, 3, 4])).toBeNull();
  });

  it('cuts six tenants into two bands of three and reads the quartiles from their means', () => {
    // [10,20,30] mean 20 over ranks 0–50 %, [40,50,60] mean 50 over 50–100 %; centres 25, 75.
    // q1 at 25 → 20; median at 50 → 20 + (50 − 20) × (50 − 25)/(75 − 25) = 35; q3 at 75 → 50.
    const d = anonymisedDistribution([60, 10, 50, 20, 40, 30]);
    expect(d).toEqual({
      tenantCount: 6,
      bands: [
        { fromPercentile: 0, toPercentile: 50, tenantCount: 3, meanValue: 20 },
        { fromPercentile: 50, toPercentile: 100, tenantCount: 3, meanValue: 50 },
      ],
      bestBand: 20,
      worstBand: 50,
      q1: 20,
      median: 35,
      q3: 50,
    });
    // 35 sits half-way between the centres 25 and 75: 25 + 50 × (35 − 20)/(50 − 20) = 50
    expect(percentileAmongBands(d!, 35)).toBe(50);
    expect(percentileAmongBands(d!, 1)).toBe(25); // clamped to the best band's centre
    expect(percentileAmongBands(d!, 99)).toBe(75);
  });

  it('five tenants form one band: every figure is their mean, never the middle tenant', () => {
    // (1 + 2 + 4 + 8 + 16)/5 = 6.2; the median tenant's own figure (4) is not disclosed.
    const d = anonymisedDistribution([16, 1, 8, 2, 4])!;
    expect([d.bestBand, d.q1, d.median, d.q3, d.worstBand]).toEqual([6.2, 6.2, 6.2, 6.2, 6.2]);
    expect(d.bands).toHaveLength(1);
  });

  it('caps the bands at five, the larger first: 16 tenants → 4, 3, 3, 3, 3', () => {
    const d = anonymisedDistribution(Array.from({ length: 16 }, (_, i) => i))!;
    expect(d.bands.map((b) => b.tenantCount)).toEqual([4, 3, 3, 3, 3]);
    // first band 0..3: mean 1.5; last 13..15: mean 14
    expect([d.bestBand, d.worstBand]).toEqual([1.5, 14]);
  });
});

/** A cohort: per tenant, 1–4 project values (g per unit), possibly tied. */
const cohortArb = fc.array(
  fc.array(
    fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
  { minLength: 0, maxLength: 8 },
);

function closeDistributions(a: AnonymisedDistribution, b: AnonymisedDistribution): boolean {
  const near = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return (
    a.tenantCount === b.tenantCount &&
    a.bands.length === b.bands.length &&
    a.bands.every(
      (band, i) =>
        band.tenantCount === b.bands[i].tenantCount &&
        band.fromPercentile === b.bands[i].fromPercentile &&
        near(band.meanValue, b.bands[i].meanValue),
    ) &&
    near(a.median, b.median) &&
    near(a.q1, b.q1) &&
    near(a.q3, b.q3)
  );
}

describe('anonymised cross-tenant benchmark (properties, random cohorts of 0–8 tenants)', () => {
  it('returns nothing under five tenants, and otherwise bands of ≥ 3 covering every tenant once', () => {
    fc.assert(
      fc.property(cohortArb, (cohort) => {
        const contributions = cohort.map((p) => tenantContribution(p)!);
        const d = anonymisedDistribution(contributions);
        if (cohort.length < MIN_COHORT_TENANTS) return d === null;
        return (
          d !== null &&
          d.tenantCount === cohort.length &&
          d.bands.every((b) => b.tenantCount >= MIN_BAND_TENANTS) &&
          d.bands.reduce((s, b) => s + b.tenantCount, 0) === cohort.length
        );
      }),
      { numRuns: 500, seed: 20261129 },
    );
  });

  /*
   * Non-identification, precisely: take any caller c (who knows its own contribution) and any
   * other tenant j. Unless at least two tenants other than c contributed exactly x_j, there is
   * another cohort — x_j changed, c's contribution unchanged — that yields the same response.
   * Witness: another member k ≠ c, j of j's band (bands hold ≥ 3); move x_j and x_k towards
   * (or, when equal, away from) each other by the same amount, staying within the band's
   * bounds, so the band's sum and every band's membership are unchanged.
   */
  it("never lets the response, with the caller's own figure, determine another tenant's", () => {
    fc.assert(
      fc.property(
        cohortArb.filter((c) => c.length >= MIN_COHORT_TENANTS),
        fc.nat(),
        fc.nat(),
        (cohort, callerPick, otherPick) => {
          const x = cohort.map((p) => tenantContribution(p)!);
          const d = anonymisedDistribution(x)!;
          const c = callerPick % x.length;
          const j = (c + 1 + (otherPick % (x.length - 1))) % x.length;
          const sharing = x.filter((v, i) => i !== c && i !== j && v === x[j]).length;
          // The bands as sets of tenants (by rank, ties by index).
          const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
          const bands: number[][] = [];
          let start = 0;
          for (const band of d.bands) {
            bands.push(order.slice(start, start + band.tenantCount));
            start += band.tenantCount;
          }
          const at = bands.findIndex((members) => members.includes(j));
          const others = bands[at].filter((m) => m !== c && m !== j);
          let alternative: number[] | null = null;
          const differing = others.find((m) => x[m] !== x[j]);
          if (differing !== undefined) {
            const mid = (x[j] + x[differing]) / 2;
            alternative = x.map((v, i) => (i === j || i === differing ? mid : v));
          } else {
            const k = others[0];
            const lower = at > 0 ? Math.max(...bands[at - 1].map((m) => x[m])) : -Infinity;
            const upper =
              at < bands.length - 1 ? Math.min(...bands[at + 1].map((m) => x[m])) : Infinity;
            const room = Math.min(upper - x[j], x[k] - lower);
            const step = room === Infinity ? 1 : room / 2;
            if (step > 0) {
              alternative = x.map((v, i) => (i === j ? v + step : i === k ? v - step : v));
            }
          }
          if (alternative === null) return sharing >= MIN_BAND_TENANTS - 1;
          const d2 = anonymisedDistribution(alternative)!;
          return alternative[j] !== x[j] && alternative[c] === x[c] && closeDistributions(d, d2);
        },
      ),
      { numRuns: 1000, seed: 20261130 },
    );
  });

  it('places a value among the bands from the band means alone, monotonically', () => {
    fc.assert(
      fc.property(
        cohortArb.filter((c) => c.length >= MIN_COHORT_TENANTS),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (cohort, a, b) => {
          const d = anonymisedDistribution(cohort.map((p) => tenantContribution(p)!))!;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pLo = percentileAmongBands(d, lo);
          const pHi = percentileAmongBands(d, hi);
          return pLo <= pHi + 1e-9 && pLo >= 0 && pHi <= 100;
        },
      ),
      { numRuns: 500, seed: 20261131 },
    );
  });
});
