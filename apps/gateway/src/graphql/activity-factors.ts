import type { FactorSet } from '@greenops/factors';

export interface DescribedFactor {
  id: string;
  value: number | null;
  unit: string | null;
  source: string | null;
  year: number | null;
}

/**
 * The factors an activity cites, as `set` holds them; an id the set does not hold (or no set:
 * an unusable published one) keeps only its id, so the row still says what was used.
 */
export function describeFactors(ids: readonly string[], set: FactorSet | null): DescribedFactor[] {
  return ids.map((id) => {
    const f = set && Object.hasOwn(set.factors, id) ? set.factors[id] : undefined;
    return f
      ? { id, value: f.value, unit: f.unit, source: f.source, year: f.year }
      : { id, value: null, unit: null, source: null, year: null };
  });
}
