import type { Range } from '@greenops/domain';
import { MethodologyInputError } from './errors';

/**
 * SCI = (E × I + M) per R (Green Software Foundation, ISO/IEC 21031), with R a functional unit
 * (CT 2026 §6.2: per artifact, per minute of finished material, per shooting day, per video at a
 * stated spec). The numerator is the carbon already computed for the activities in scope
 * (operational + embodied + training, each with its uncertainty); this divides it by R.
 */
export function sciPerUnit(carbonG: Range, functionalUnits: number, field = 'quantity'): Range {
  if (!Number.isFinite(functionalUnits) || functionalUnits <= 0) {
    throw new MethodologyInputError(
      field,
      `the functional unit count must be a number > 0, got ${String(functionalUnits)}`,
    );
  }
  return {
    low: carbonG.low / functionalUnits,
    nominal: carbonG.nominal / functionalUnits,
    high: carbonG.high / functionalUnits,
  };
}
