/** Version of the methodology (formulas and rules); stored on every fact with the factor-set version. */
export const METHODOLOGY_VERSION = '2026.11.0';
