import type { TrainingAllocationOption } from '@greenops/domain';

/** Version of the methodology (formulas and rules); stored on every fact with the factor-set version. */
export const METHODOLOGY_VERSION = '2026.12.0';

/**
 * The version a result records: the formulas' version plus the training allocation option
 * applied (CT 2026 Table 6), because 1a and 1b are different rules for the same activity.
 */
export function methodologyVersionFor(trainingAllocation: TrainingAllocationOption): string {
  return `${METHODOLOGY_VERSION}+training.${trainingAllocation}`;
}
