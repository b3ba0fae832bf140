import type { FactorOverride } from '@greenops/domain';

/**
 * One cited number. Every factor shipped or published carries its unit, source and year so an
 * auditor can trace it (docs/methodology.md §8). Same shape as a tenant's
 * published override (libs/domain).
 */
export type Factor = FactorOverride;

/**
 * A versioned catalogue of factors plus the structural tables the methodology needs to pick a
 * factor (cloud region → country, device model aliases). Published as `FactorSetPublished`.
 */
export interface FactorSet {
  /** Semantic version of the catalogue; stored on every fact computed with it. */
  version: string;
  /** Human name, e.g. `greenops-default`, `carbon-trust-2026`. */
  name: string;
  description: string;
  factors: Readonly<Record<string, Factor>>;
  /** `<provider>/<region>` (lower case) → ISO 3166-1 alpha-2 country of the grid it draws on. */
  cloudRegionCountry: Readonly<Record<string, string>>;
  /** Device catalogue: normalised model name → device entry. */
  devices: Readonly<Record<string, DeviceEntry>>;
}

/** A device of the catalogue; numbers live in `factors` under the referenced ids. */
export interface DeviceEntry {
  /** Catalogue key, e.g. `nvidia-rtx-4090`. */
  id: string;
  kind: 'gpu' | 'workstation' | 'server';
  /** Factor id of the typical draw (W). */
  powerFactorId: string;
  /** Factor id of embodied emissions of one device (kgCO2e), when a cited figure exists. */
  embodiedFactorId?: string;
  /** Factor id of expected active life (h), when known. */
  lifetimeFactorId?: string;
  /** Other spellings seen in `greenops.hw.model` (matched after normalisation). */
  aliases: string[];
}
