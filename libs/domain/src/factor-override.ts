/**
 * Qualitative ratings of the Carbon Trust 2026 report, Appendix 5 (Table 13: indicative
 * uncertainty of the main emissions intensities).
 */
export const QUALITATIVE_RATINGS = [
  'low',
  'low-to-medium',
  'medium',
  'medium-to-high',
  'high',
] as const;
export type QualitativeRating = (typeof QUALITATIVE_RATINGS)[number];

/**
 * One cited number: a catalogue factor (libs/factors `Factor`) or a tenant's override of one.
 * Every factor carries its unit, source and year so an auditor can trace it.
 */
export interface FactorOverride {
  /** Stable id, dotted namespace, e.g. `pue.cloud.aws`, `grid.location.US`. */
  id: string;
  value: number;
  /** e.g. `gCO2e/kWh`, `W`, `kgCO2e`, `ratio`. */
  unit: string;
  /** Publication (and section/table) the value comes from, or `GreenOps assumption: …`. */
  source: string;
  /** Year the value describes (or was published, when the source gives no reference year). */
  year: number;
  /** Low end of the uncertainty band, same unit. */
  low?: number;
  /** High end of the uncertainty band, same unit. */
  high?: number;
  /** The report's App. 5 Table 13 uncertainty rating of this intensity, where it gives one. */
  uncertaintyRating?: QualitativeRating;
  note?: string;
}
