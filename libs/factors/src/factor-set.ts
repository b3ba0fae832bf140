import { QUALITATIVE_RATINGS } from '@greenops/domain';
import { OPTION_FACTOR_CODES } from './data/method.factors';
import type { DeviceEntry, Factor, FactorSet } from './factor';

export function getFactor(set: FactorSet, id: string): Factor | undefined {
  return Object.prototype.hasOwnProperty.call(set.factors, id) ? set.factors[id] : undefined;
}

/** Throws when a factor the methodology relies on is missing: a broken set is a bug, not input. */
export function requireFactor(set: FactorSet, id: string): Factor {
  const f = getFactor(set, id);
  if (!f) throw new Error(`factor set ${set.name}@${set.version} has no factor '${id}'`);
  return f;
}

export function factorsToRecord(factors: readonly Factor[]): Record<string, Factor> {
  const out: Record<string, Factor> = {};
  for (const f of factors) {
    if (out[f.id]) throw new Error(`duplicate factor id '${f.id}'`);
    out[f.id] = f;
  }
  return out;
}

/**
 * A tenant (or a named set) overriding some factors of a base set. Overrides replace whole
 * factors by id; the result gets its own version so facts record exactly what they used.
 */
export function withOverrides(
  base: FactorSet,
  overrides: readonly Factor[],
  meta: { version: string; name: string; description?: string },
): FactorSet {
  const factors: Record<string, Factor> = { ...base.factors };
  for (const f of overrides) factors[f.id] = f;
  return {
    version: meta.version,
    name: meta.name,
    description:
      meta.description ?? `${base.name}@${base.version} with ${overrides.length} override(s)`,
    factors,
    cloudRegionCountry: base.cloudRegionCountry,
    devices: base.devices,
  };
}

export interface FactorIssue {
  id: string;
  reason: string;
}

/** Checks what an auditor would check: every number finite, sourced, dated, with a unit and a consistent band. */
export function validateFactor(f: Factor): FactorIssue[] {
  const issues: FactorIssue[] = [];
  const add = (reason: string) => issues.push({ id: f.id, reason });
  if (!f.id) add('missing id');
  if (!Number.isFinite(f.value)) add('value is not a finite number');
  if (!f.unit) add('missing unit');
  if (!f.source) add('missing source');
  if (!Number.isInteger(f.year) || f.year < 1990 || f.year > 2100)
    add('missing or implausible year');
  const low = f.low ?? f.value;
  const high = f.high ?? f.value;
  if (!Number.isFinite(low) || !Number.isFinite(high)) add('low/high not finite');
  else if (!(low <= f.value && f.value <= high)) add('band must satisfy low <= value <= high');
  if (
    f.uncertaintyRating !== undefined &&
    !(QUALITATIVE_RATINGS as readonly string[]).includes(f.uncertaintyRating)
  ) {
    add(`uncertaintyRating must be one of ${QUALITATIVE_RATINGS.join(', ')}`);
  }
  const codes = Object.prototype.hasOwnProperty.call(OPTION_FACTOR_CODES, f.id)
    ? OPTION_FACTOR_CODES[f.id]
    : undefined;
  if (codes && !codes.includes(f.value)) add(`value must be one of the codes ${codes.join(', ')}`);
  if (codes && (f.low !== undefined || f.high !== undefined)) add('an option has no band');
  return issues;
}

export function validateFactorSet(set: FactorSet): FactorIssue[] {
  const issues: FactorIssue[] = [];
  if (!set.version) issues.push({ id: '(set)', reason: 'missing version' });
  for (const [key, f] of Object.entries(set.factors)) {
    if (key !== f.id) issues.push({ id: key, reason: `keyed under '${key}' but id is '${f.id}'` });
    issues.push(...validateFactor(f));
  }
  for (const d of Object.values(set.devices)) issues.push(...validateDevice(set, d));
  return issues;
}

function validateDevice(set: FactorSet, d: DeviceEntry): FactorIssue[] {
  const ids = [d.powerFactorId, d.embodiedFactorId, d.lifetimeFactorId].filter(
    (x): x is string => !!x,
  );
  return ids
    .filter((id) => !getFactor(set, id))
    .map((id) => ({ id: d.id, reason: `device references missing factor '${id}'` }));
}

/** Normalises a `greenops.hw.model` string for catalogue lookup ("NVIDIA GeForce RTX 4090" → "nvidia-geforce-rtx-4090"). */
export function normaliseDeviceModel(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function findDevice(set: FactorSet, model: string): DeviceEntry | undefined {
  const key = normaliseDeviceModel(model);
  if (Object.prototype.hasOwnProperty.call(set.devices, key)) return set.devices[key];
  return Object.values(set.devices).find((d) =>
    d.aliases.some((a) => normaliseDeviceModel(a) === key),
  );
}
