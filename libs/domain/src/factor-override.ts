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
  note?: string;
}
