import type { Factor, FactorSet } from './factor';
import { factorRange, factorRangeProblem } from './factor-ranges';
import { validateFactor } from './factor-set';

/**
 * Factors a tenant may add that the catalogue does not ship (evidence only the tenant has):
 * its contractual (market-based) intensity per grid, and an hourly intensity series per grid.
 */
const TENANT_ONLY_FACTORS: Array<{ pattern: RegExp; unit: string }> = [
  { pattern: /^grid\.market\.([A-Z]{2}|WORLD)$/, unit: 'gCO2e/kWh' },
  { pattern: /^grid\.hourly\.([A-Z]{2})\.(\d{4}-\d{2}-\d{2}T\d{2})$/, unit: 'gCO2e/kWh' },
];

/** The unit a tenant-only factor id must carry, or why the id is not one. */
function tenantOnlyUnit(
  base: FactorSet,
  id: string,
): { unit: string } | { problem: string } | undefined {
  for (const { pattern, unit } of TENANT_ONLY_FACTORS) {
    const match = pattern.exec(id);
    if (!match) continue;
    if (!base.factors[`grid.location.${match[1]}`])
      return { problem: `'${match[1]}' is not a grid the catalogue knows` };
    if (match[2] !== undefined && !Number.isFinite(Date.parse(`${match[2]}:00:00Z`))) {
      return { problem: `'${match[2]}' is not a UTC hour (YYYY-MM-DDTHH)` };
    }
    return { unit };
  }
  return undefined;
}

/**
 * Why published overrides cannot be used, each naming the override: an override must replace
 * a factor the catalogue has (or add a tenant-only one: market or hourly grid intensity), in the
 * same unit, and carry what an auditor needs (source, year,
 * a consistent band). Empty when all are usable.
 */
export function overrideProblems(base: FactorSet, overrides: readonly Factor[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  overrides.forEach((override, i) => {
    const tenantOnly = tenantOnlyUnit(base, override.id);
    if (tenantOnly && 'problem' in tenantOnly) {
      problems.push(`factors[${i}].id: ${tenantOnly.problem}`);
      return;
    }
    const known = base.factors[override.id] ?? tenantOnly;
    if (!known) {
      problems.push(
        `factors[${i}].id: '${override.id}' is not a factor of catalogue ${base.version}`,
      );
      return;
    }
    if (seen.has(override.id))
      problems.push(`factors[${i}].id: '${override.id}' is overridden twice`);
    seen.add(override.id);
    if (override.unit !== known.unit) {
      problems.push(
        `factors[${i}].unit: must be '${known.unit}' (the unit of ${override.id}), got '${override.unit}'`,
      );
    }
    for (const issue of validateFactor(override)) problems.push(`factors[${i}]: ${issue.reason}`);
    if (override.unit === known.unit) {
      const outside = factorRange(known.unit)
        ? factorRangeProblem(override)
        : `${override.id}: unit '${known.unit}' has no plausible range`;
      if (outside) problems.push(`factors[${i}].value: ${outside}`);
    }
  });
  return problems;
}
