import type { Factor, FactorSet } from './factor';
import { validateFactor } from './factor-set';

/**
 * Why published overrides cannot be used, each naming the override: an override must replace
 * a factor the catalogue has, in the same unit, and carry what an auditor needs (source, year,
 * a consistent band). Empty when all are usable.
 */
export function overrideProblems(base: FactorSet, overrides: readonly Factor[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  overrides.forEach((override, i) => {
    const known = base.factors[override.id];
    if (!known) {
      problems.push(`factors[${i}].id: '${override.id}' is not a factor of catalogue ${base.version}`);
      return;
    }
    if (seen.has(override.id)) problems.push(`factors[${i}].id: '${override.id}' is overridden twice`);
    seen.add(override.id);
    if (override.unit !== known.unit) {
      problems.push(`factors[${i}].unit: must be '${known.unit}' (the unit of ${override.id}), got '${override.unit}'`);
    }
    for (const issue of validateFactor(override)) problems.push(`factors[${i}]: ${issue.reason}`);
  });
  return problems;
}
