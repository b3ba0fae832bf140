import type { TrainingAllocationOption } from '@greenops/domain';
import { getFactor, requireFactor, type Factor, type FactorSet } from '@greenops/factors';

/** Method choices in force for one computation (the tenant's, read from its factor set). */
export interface MethodChoices {
  trainingAllocation: TrainingAllocationOption;
  /** The factor the choice came from, listed on results that carry training. */
  trainingAllocationFactorId?: string;
}

/** Looks factors up and records every id used, so each result lists exactly what it relied on. */
export class FactorTrail {
  private readonly used = new Set<string>();

  constructor(
    readonly set: FactorSet,
    readonly choices: MethodChoices = { trainingAllocation: '1a' },
  ) {}

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
