import type { ComplexityEstimatorArgs } from '@nestjs/graphql';

/**
 * Query cost of a field whose resolver makes one SQL round trip. Every other field costs 1.
 * Aliases are fields of their own, so ten aliased `project(...)` lookups cost ten round trips
 * (docs/operations.md, "Limits").
 */
export const SQL_ROUND_TRIP_COST = 10;

/** A field resolved with one SQL round trip, plus what is selected inside it. */
export function oneRoundTrip({ childComplexity }: ComplexityEstimatorArgs): number {
  return SQL_ROUND_TRIP_COST + childComplexity;
}

/** A list of at most `first` (capped at `cap`) items read in one round trip. */
export function pagedRoundTrip(defaultFirst: number, cap: number) {
  return ({ args, childComplexity }: ComplexityEstimatorArgs): number => {
    const first = Number(args.first ?? defaultFirst);
    const items = Number.isFinite(first) ? Math.max(1, Math.min(first, cap)) : cap;
    return SQL_ROUND_TRIP_COST + items * childComplexity;
  };
}
