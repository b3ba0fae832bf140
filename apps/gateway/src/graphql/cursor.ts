const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** Every list argument is bounded (an unbounded list is a denial-of-service vector). */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1) throw new RangeError('first: must be an integer ≥ 1');
  return Math.min(first, MAX_PAGE_SIZE);
}
