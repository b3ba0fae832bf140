import type { Factor } from '../factor';
import { CT_2026 } from './sources';

/**
 * Method choices a tenant makes through its factor set. A factor set holds numbers, so a
 * choice is a numeric code; `OPTION_FACTOR_CODES` lists the codes each choice accepts.
 */
export const TRAINING_ALLOCATION_FACTOR_ID = 'method.training.allocation';

/** Code → CT 2026 Table 6 option: 1 = 1a (per unit of inference energy), 2 = 1b (per inference). */
export const TRAINING_ALLOCATION_CODES: Readonly<Record<number, '1a' | '1b'>> = Object.freeze({
  1: '1a',
  2: '1b',
});

export const METHOD_FACTORS: Factor[] = [
  {
    id: TRAINING_ALLOCATION_FACTOR_ID,
    value: 1,
    unit: 'option',
    year: 2026,
    source: `${CT_2026}, Table 6 and App. 2: model-creation emissions allocated per unit of inference energy (option 1a, the report's choice) or per inference (1b)`,
    note: '1 = option 1a (g per kWh of inference energy), 2 = option 1b (g per inference); a tenant publishes 2 to choose 1b',
  },
];

/** Factors whose value is a choice among codes rather than a quantity. */
export const OPTION_FACTOR_CODES: Readonly<Record<string, readonly number[]>> = Object.freeze({
  [TRAINING_ALLOCATION_FACTOR_ID]: Object.keys(TRAINING_ALLOCATION_CODES).map(Number),
});
