/**
 * A tenant's factor set that cannot be used: not recorded, or holding a factor outside its
 * unit's plausible range (a set an older version accepted). Permanent for the events computed
 * with it: they are recorded as projection failures, never retried.
 */
export class UnusableFactorSetError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'UnusableFactorSetError';
  }
}
