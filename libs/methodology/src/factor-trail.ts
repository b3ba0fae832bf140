import { getFactor, requireFactor, type Factor, type FactorSet } from '@greenops/factors';

/** Looks factors up and records every id used, so each result lists exactly what it relied on. */
export class FactorTrail {
  private readonly used = new Set<string>();

  constructor(readonly set: FactorSet) {}

  use(id: string): Factor {
    const f = requireFactor(this.set, id);
    this.used.add(id);
    return f;
  }

  /** For optional lookups (e.g. a country the data set may not cover). */
  tryUse(id: string): Factor | undefined {
    const f = getFactor(this.set, id);
    if (f) this.used.add(id);
    return f;
  }

  ids(): string[] {
    return [...this.used].sort();
  }
}
